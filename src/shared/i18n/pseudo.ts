/**
 * The pseudo-locale, generated from British English when asked for: every letter accented,
 * each string about 35% longer and in brackets. Text on screen that is not accented did
 * not come through i18next; a bracket that is missing shows where text was cut off.
 */

const ACCENTED: Record<string, string> = {
  a: 'å', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'ƥ', q: 'ʠ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Ƥ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Filler that makes each string longer, as German and Greek often are. */
const PADDING = 'ļöŕéɱ îƥšûɱ ðöļöŕ šîţ åɱéţ çöñšéçţéţûŕ åðîƥîšçîñĝ éļîţ';

/** Interpolations, nesting and line breaks pass through unchanged: i18next and the layout need them. */
const PROTECTED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|\n)/;

/** The pseudo-localised form of one British English string. */
export function pseudoLocalise(text: string): string {
  let letters = 0;
  const body = text
    .split(PROTECTED)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      letters += part.length;
      return [...part].map((ch) => ACCENTED[ch] ?? ch).join('');
    })
    .join('');
  const extra = Math.max(2, Math.ceil(letters * (letters <= 10 ? 0.5 : 0.35)));
  const padding = PADDING.repeat(Math.ceil(extra / PADDING.length)).slice(0, extra).trimEnd();
  // A multi-line string keeps its last line break last, as the command line's usage does.
  const trailing = body.endsWith('\n') ? '\n' : '';
  return `[${trailing ? body.slice(0, -1) : body} ${padding}]${trailing}`;
}

type Tree = { [key: string]: string | Tree };

/** A whole namespace, pseudo-localised key by key. */
export function pseudoTree<T>(tree: T): T {
  const walk = (node: Tree): Tree =>
    Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typeof v === 'string' ? pseudoLocalise(v) : walk(v)]));
  return walk(tree as Tree) as T;
}

/** True when every letter of a text is accented or not Latin: the text went through the pseudo-locale. */
export function looksPseudoLocalised(text: string): boolean {
  return !/[A-Za-z]/.test(text);
}
