import { ValidationError } from '../errors/index.ts';
import { isAuditTime } from './query-arguments.ts';

/** Position in the newest-first order: `at`, then `id` to break ties. */
export interface CursorPosition {
  readonly at: Date;
  readonly id: string;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to callers: base64url of the last item's position. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/**
 * Accepts only what `encodeCursor` could have written: the exact ISO form of a time the audit
 * can hold, and a UUID. Anything else is refused here, so a crafted cursor never reaches the store.
 */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string' && UUID.test(decoded[1])) {
      const at = new Date(decoded[0]);
      if (isAuditTime(at) && at.toISOString() === decoded[0]) return { at, id: decoded[1] };
    }
  } catch {
    // reported below
  }
  throw new ValidationError('INVALID_ARGUMENT', '`after` is not a cursor this audit log returned');
}

export function pageSize(first: number | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError('INVALID_ARGUMENT', `\`first\` must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}
