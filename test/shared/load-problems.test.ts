import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../src/engine/field-types.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { LANGUAGES } from '../../src/shared/i18n/languages.ts';
import { loadProblemCodes, problemSentence, skippedSentence, type ProblemLike, type Translate } from '../../src/shared/load-problems.ts';

/**
 * Every reason a package is refused or declined has a sentence in every language, and the
 * sentence names the place (file, line, field) in the reader's words.
 */

const say = (language: string): Translate => {
  const i18n = createI18n(language);
  return (key, options) => i18n.t(key, options ?? {});
};

describe('load problems in every language', () => {
  it('has a sentence for every code, and a word for every field type and kind of file, in every language', () => {
    const missing: string[] = [];
    for (const { code: language } of LANGUAGES) {
      const i18n = createI18n(language);
      for (const code of loadProblemCodes) if (!i18n.exists(`loadProblem.${code}`)) missing.push(`${language} ${code}`);
      for (const type of FIELD_TYPES) if (!i18n.exists(`loadProblem.words.type.${type}`)) missing.push(`${language} type ${type}`);
      for (const kind of ['fifo', 'directory', 'socket', 'device', 'other', 'gzip', 'zip', 'excel', 'parquet', 'binary', 'not-parquet']) {
        if (!i18n.exists(`loadProblem.words.kind.${kind}`)) missing.push(`${language} kind ${kind}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('fills every value a sentence names (none left as {{…}})', () => {
    const values = {
      folder: '/data', found: 'datapackage.yml', line: 3, column: 4, property: 'resources[0].schema', expected: 'object', package: 'p', other: '/x',
      resource: 'r', field: 'f', type: 'integer', format: '%d/%m/%Y', key: 'primaryKey', name: 'n', target: 't', table: 't', count: 2,
      url: 'https://example.org', encoding: 'ISO-8859-7', compression: 'zip', path: 'a.csv', kind: 'fifo', position: 2, label: 'l',
      value: '"x"', allowed: '"a"', limit: 5, pattern: '^a$', first: 2, targetFields: 'id', detail: 'd', constraint: 'enum', size: '2 GB', seconds: 60, algorithm: 'SHA-256',
    };
    for (const { code: language } of LANGUAGES) {
      for (const code of loadProblemCodes) {
        const sentence = problemSentence(say(language), { code, values, file: 'data.csv', row: 3, field: 'id' });
        expect(sentence, `${language} ${code}`).not.toMatch(/\{\{|loadProblem\./);
      }
    }
  });

  it('says where and what, with the type in the reader’s words', () => {
    const problem: ProblemLike = { code: 'type', values: { value: '"2.5"', type: 'integer', format: '' }, file: 'people.csv', row: 3, unit: 'line', field: 'id' };
    expect(problemSentence(say('en-GB'), problem)).toBe('people.csv, line 3, field “id”: "2.5" is not a valid integer.');
    expect(problemSentence(say('de'), problem)).toBe('people.csv, Zeile 3, Feld „id“: "2.5" ist kein gültiger Wert vom Typ ganze Zahl.');
    expect(problemSentence(say('el'), { ...problem, values: { ...problem.values, format: '%Y' } })).toBe(
      'people.csv, γραμμή 3, πεδίο «id»: το "2.5" δεν είναι έγκυρη τιμή τύπου ακέραιος στη μορφή %Y.',
    );
    expect(problemSentence(say('en-GB'), { code: 'primaryKey', values: { value: '7', first: 2 }, file: 't.parquet', row: 5, unit: 'row', field: 'id' })).toBe(
      't.parquet, row 5, field “id”: 7 repeats row 2; the primary key must be unique.',
    );
    expect(skippedSentence(say('en-GB'), { resource: 'sheet', code: 'excel', values: { format: 'xlsx' }, reason: '' })).toBe(
      '“sheet”: it is a spreadsheet (xlsx); Sprig reads tables from CSV or Parquet files.',
    );
    expect(problemSentence(say('en-GB'), { code: 'not-regular-file', values: { path: 'pipe.csv', kind: 'fifo' }, file: 'pipe.csv' })).toBe(
      'pipe.csv: it is not a regular file (a named pipe); Sprig reads only files.',
    );
  });
});
