import { AppError } from '../../shared/errors.ts';
import { importChoiceFlags, type ImportChoiceKind, type ImportRefusalCode } from '../../shared/import/answers.ts';

/** A file that cannot be imported as asked: `context` says why (translated as `errors.import-refused_<context>`). */
export function importRefused(context: ImportRefusalCode, message: string, values: Record<string, string | number>): AppError {
  return new AppError('import-refused', message, { context, ...values });
}

/** A choice Sprig cannot make alone, naming the flag (and recipe field) that makes it. */
export function choiceNeeded(kind: ImportChoiceKind, file: string, options: string[], values: Record<string, string | number> = {}): AppError {
  const { flag, recipeField } = importChoiceFlags[kind];
  return new AppError('import-choice-needed', `${file}: choose the ${kind} (${flag} ${options.join('|')}, or "${recipeField}" in the recipe)`, {
    context: kind,
    file,
    flag,
    recipeField,
    choice: kind,
    options: options.join(', '),
    ...values,
  });
}
