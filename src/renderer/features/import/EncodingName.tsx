import { useTranslation } from 'react-i18next';
import type { TextEncoding } from '../../../shared/import/recipe.ts';

/** How encodings are written everywhere (names, not words: the same in every language). */
const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  'windows-1253': 'Windows-1253',
  'iso-8859-7': 'ISO-8859-7',
  'iso-8859-15': 'ISO-8859-15',
  'iso-8859-1': 'ISO-8859-1',
};
const NOTED = new Set<TextEncoding>(['windows-1252', 'windows-1253', 'iso-8859-7', 'iso-8859-15', 'iso-8859-1']);

/** An encoding's name, with what it is for ("Greek", "Western European") in the reader's language. */
export function EncodingName({ encoding }: { encoding: TextEncoding }) {
  const { t } = useTranslation('import');
  return (
    <>
      <code className="encoding-name">{NAMES[encoding] ?? encoding}</code>
      {NOTED.has(encoding) && <> ({t(`encodingNotes.${encoding}`)})</>}
    </>
  );
}
