export { ERROR_CATALOGUE, isErrorCode } from './catalogue.ts';
export type { ErrorCode } from './catalogue.ts';
export { AppError, ValidationError, NotFoundError, LegacyError, RetryLaterError } from './app-error.ts';
export { maskError, INTERNAL_MESSAGE } from './masking.ts';
export { LegacyFaultError } from './legacy-fault.ts';
