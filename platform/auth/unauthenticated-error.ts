import { AppError } from '../errors/index.ts';

/** No valid caller: the message says what kind of failure, never echoes the token or a claim value. */
export class UnauthenticatedError extends AppError {
  constructor(safeMessage: string, options: { cause?: unknown } = {}) {
    super('UNAUTHENTICATED', safeMessage, options);
    this.name = 'UnauthenticatedError';
  }
}
