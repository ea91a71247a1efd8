import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { bundleFileName, figureFileName } from '../../shared/figures/file-names.ts';
import { figureFont } from '../../shared/figures/fonts.ts';
import { mmFromPt, type FigureFormat, type FigureOptions } from '../../shared/figures/presets.ts';
import { plottedAnswer } from '../../shared/figures/plotted-rows.ts';
import { createI18n } from '../../shared/i18n/create.ts';
import { viewCsv } from '../../shared/view-csv.ts';
import { writeViewFile } from '../../shared/view-file.ts';
import { answerRows, columnHeader, type Answer } from '../../shared/view-table.ts';
import { drawFigure, figureFile, fontsDir, type DrawnFigure, type FigureSource } from './export-figure.ts';
import { zip, type ZipEntry } from './zip.ts';

/** The name of the view's file inside a bundle: `sprig figure` reproduces the figure from it. */
export const BUNDLE_VIEW_FILE = 'view.sprig.json';

/**
 * The figure bundle: everything a co-author needs to check and redraw a figure next month,
 * as one zip whose bytes depend only on the view, the data and the options.
 * - the figure in each format asked for;
 * - `data.csv`: exactly the plotted rows (src/shared/view-csv.ts, in the figure's language),
 *   described by `datapackage.json`;
 * - `view.sprig.json`: the view, its dataset version and these export settings;
 * - `README.md` (caption, definition, caveats, comparability, suppression, how to
 *   reproduce), `CITATION.cff`, the data's and the font's licences, `checksums.sha256`.
 */
export async function figureBundle(source: FigureSource, options: FigureOptions, formats: FigureFormat[], sprigVersion: string): Promise<Uint8Array> {
  const drawn = drawFigure(source, options);
  const { t } = createI18n(options.language);
  const files: ZipEntry[] = [];
  const text = (name: string, content: string) => files.push({ name, data: Buffer.from(content, 'utf8') });
  const unique = [...new Set(formats)];
  for (const format of unique) files.push({ name: figureFileName(source.spec, options, format), data: await figureFile(drawn, format) });
  const answer = plottedAnswer(source.spec, answerRows(source.table));
  text('data.csv', viewCsv({ spec: source.spec, description: source.description, answer, t, locale: options.language }));
  text('datapackage.json', dataPackage(source, drawn, answer, t));
  text(BUNDLE_VIEW_FILE, writeViewFile(source.spec, source.description.version, { options, formats: unique }));
  text('README.md', readme(source, drawn, unique, t, sprigVersion));
  text('CITATION.cff', citationFile(source, drawn, t, sprigVersion));
  text('LICENSE-data.txt', dataLicence(source, t));
  const font = figureFont(options.font);
  files.push({ name: font.licence, data: await readFile(path.join(fontsDir, font.licence)) });
  text('checksums.sha256', files.map((f) => `${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`).join(''));
  return zip(files);
}

export { bundleFileName };

/** The caption: what the figure shows and every note it carries, as sentences. */
export function captionText(drawn: DrawnFigure): string {
  const { figure } = drawn;
  return [figure.title + (figure.subtitle ? ` (${figure.subtitle})` : '') + '.', ...figure.notes.map((n) => n.text)].join(' ');
}

/** A Frictionless Data Package describing data.csv: its columns (as headed in the file) and their types. */
function dataPackage(source: FigureSource, drawn: DrawnFigure, answer: Answer, t: TFunction): string {
  const { description } = source;
  const csv = viewCsv({ spec: source.spec, description, answer, t, locale: drawn.options.language }, { byteOrderMark: false });
  const header = parseCsvHeader(csv);
  const dataColumns = new Map(answer.columns.map((c) => [columnHeader(c, t), c]));
  const fields = header.map((name) => {
    const column = dataColumns.get(name);
    const values = column ? answer.rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined) : [];
    const type = column && answer.dateColumns.has(column) ? 'date' : values.length > 0 && values.every((v) => typeof v === 'number') ? 'number' : values.length > 0 && values.every((v) => typeof v === 'boolean') ? 'boolean' : 'string';
    return { name, type };
  });
  const descriptor = {
    profile: 'tabular-data-package',
    name: `${description.name}-figure-${source.spec.view}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
    title: drawn.figure.title,
    description: captionText(drawn),
    ...(description.version ? { version: description.version } : {}),
    licenses: description.licences.map((name) => ({ name })),
    sources: [
      { title: `${description.title}${description.version ? ` (${description.version})` : ''}` },
      ...drawn.figure.sources.map((s) => ({ title: s.citation })),
    ],
    resources: [
      {
        name: 'data',
        path: 'data.csv',
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
        schema: { fields },
      },
    ],
  };
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}

/** The header row of RFC 4180 text (quoted names may hold commas). */
function parseCsvHeader(csv: string): string[] {
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      names.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') break;
    else field += ch;
  }
  names.push(field);
  return names;
}

function readme(source: FigureSource, drawn: DrawnFigure, formats: FigureFormat[], t: TFunction, sprigVersion: string): string {
  const { figure, size, options } = drawn;
  const { description } = source;
  const files = formats.map((f) => `- \`${figureFileName(source.spec, options, f)}\`: ${t(`figure.format.${f}`)}`);
  const width = Math.round(size.widthMm * 10) / 10;
  const height = Math.round(mmFromPt(drawn.rendered.height) * 10) / 10;
  const lines = [
    `# ${figure.title}`,
    '',
    captionText(drawn),
    '',
    `## ${t('figure.readme.figure')}`,
    '',
    t('figure.readme.size', { preset: t(`figure.preset.${options.preset}`), width, height, pt: size.pt, dpi: size.dpi, font: figureFont(options.font).family, language: options.language }),
    '',
    ...files,
    `- \`data.csv\`: ${t('figure.readme.data')}`,
    `- \`datapackage.json\`: ${t('figure.readme.datapackage')}`,
    `- \`${BUNDLE_VIEW_FILE}\`: ${t('figure.readme.view')}`,
    `- \`CITATION.cff\`, \`LICENSE-data.txt\`, \`${figureFont(options.font).licence}\`: ${t('figure.readme.licences')}`,
    `- \`checksums.sha256\`: ${t('figure.readme.checksums')}`,
    '',
  ];
  if (figure.definition) lines.push(`## ${t('figure.readme.definition')}`, '', figure.definition, '');
  const notes = figure.notes.filter((n) => n.kind !== 'chart');
  if (notes.length > 0) lines.push(`## ${t('figure.readme.comparability')}`, '', ...notes.map((n) => `- ${n.text}`), '');
  if (figure.suppressionRule) lines.push(`## ${t('figure.readme.suppression')}`, '', figure.suppressionRule, '');
  lines.push(`## ${t('figure.readme.sources')}`, '', ...figure.sources.map((s) => `- ${s.citation}`));
  lines.push(`- ${t('figure.readme.dataset', { title: description.title, name: description.name, version: description.version ?? '—', licences: description.licences.join(', ') || '—' })}`, '');
  lines.push(
    `## ${t('figure.readme.reproduce')}`,
    '',
    t('figure.readme.reproduceText', { version: sprigVersion }),
    '',
    '```sh',
    `npx sprig figure ${BUNDLE_VIEW_FILE} --format ${formats.join(',')} --out figure`,
    'sha256sum -c checksums.sha256',
    '```',
    '',
  );
  return lines.join('\n');
}

/** YAML's double-quoted scalar. */
function yaml(text: string): string {
  return JSON.stringify(text);
}

function citationFile(source: FigureSource, drawn: DrawnFigure, t: TFunction, sprigVersion: string): string {
  const { description } = source;
  const organisations = [...new Set(source.description.sources.filter((s) => drawn.figure.sources.some((f) => f.id === s.id)).map((s) => s.organisation))];
  const authors = (organisations.length > 0 ? organisations : [description.title]).map((name) => `  - name: ${yaml(name)}`);
  return [
    'cff-version: 1.2.0',
    `message: ${yaml(t('figure.citationMessage'))}`,
    'type: dataset',
    `title: ${yaml(`${drawn.figure.title} (${description.title})`)}`,
    ...(description.version ? [`version: ${yaml(description.version)}`] : []),
    'authors:',
    ...authors,
    'references:',
    '  - type: dataset',
    `    title: ${yaml(description.title)}`,
    ...(description.version ? [`    version: ${yaml(description.version)}`] : []),
    '    authors:',
    ...authors.map((a) => `    ${a}`),
    ...drawn.figure.sources.map((s) => [`  - type: generic`, `    title: ${yaml(s.citation)}`, '    authors:', `      - name: ${yaml(source.description.sources.find((d) => d.id === s.id)?.organisation ?? s.id)}`].join('\n')),
    '  - type: software',
    '    title: "Sprig"',
    `    version: ${yaml(sprigVersion)}`,
    '    authors:',
    '      - name: "Sprig contributors"',
    '',
  ].join('\n');
}

/** The data's licences: the dataset's, and each source's as the package records it. */
function dataLicence(source: FigureSource, t: TFunction): string {
  const { description } = source;
  const lines = [t('figure.licence.dataset', { title: description.title, version: description.version ?? '—' }), ...description.licences.map((l) => `  ${l}`), ''];
  const used = description.sources.filter((s) => s.licence);
  if (used.length > 0) lines.push(t('figure.licence.sources'), ...used.map((s) => `  ${s.organisation}, ${s.title}: ${s.licence}`), '');
  return lines.join('\n');
}
