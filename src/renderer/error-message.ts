import type { TFunction } from 'i18next';
import { AppError } from '../shared/errors.ts';

/** The translated sentence for any error that reached the interface. */
export function errorMessage(error: unknown, t: TFunction): string {
  const app = error instanceof AppError ? error : new AppError('internal', String(error), { reason: String(error) });
  return t(`errors.${app.code}`, { ...app.detail, defaultValue: app.message });
}
