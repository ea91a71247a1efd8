import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/renderer/error-message.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';

/** What the interface says about a statement that cannot run, in each language: what is wrong, never "the data could not be read". */
describe('messages for SQL that cannot run', () => {
  const syntax = new AppError('sql-invalid', 'Parser Error: syntax error at or near "SELEC"', { context: 'syntax', near: 'SELEC' });
  const column = new AppError('sql-invalid', 'Binder Error: Table "c" does not have a column named "nme"', { context: 'table-column', table: 'c', column: 'nme' });

  it.each([
    ['en-GB', 'The query has a syntax error near “SELEC”.', 'No column named “nme” in “c”.'],
    ['en-US', 'The query has a syntax error near “SELEC”.', 'No column named “nme” in “c”.'],
    ['de', 'Die Abfrage hat einen Syntaxfehler bei „SELEC“.', 'Keine Spalte namens „nme“ in „c“.'],
    ['el', 'Το ερώτημα έχει συντακτικό σφάλμα κοντά στο «SELEC».', 'Δεν υπάρχει στήλη με το όνομα «nme» στο «c».'],
  ])('in %s', (language, syntaxMessage, columnMessage) => {
    const { t } = createI18n(language);
    expect(errorMessage(syntax, t)).toBe(syntaxMessage);
    expect(errorMessage(column, t)).toBe(columnMessage);
  });
});
