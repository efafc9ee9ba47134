import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../platform/errors/index.ts';
import type { Position } from './page.ts';

/**
 * Opaque, tamper-evident timeline cursors: a position in the timeline, signed together with
 * the citizen whose timeline it is. A cursor altered, made up, or issued for another citizen
 * fails its signature and is refused with INVALID_CURSOR; it is never read as a position.
 * The citizen's NINO is signed, never written into the cursor.
 */

const SIGNATURE_BYTES = 16;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface CursorSigner {
  write(nino: string, position: Position): string;
  /** The position a cursor this signer wrote for this citizen holds; INVALID_CURSOR for any other string. */
  read(nino: string, cursor: string): Position;
}

function refused(): AppError {
  return new AppError('INVALID_CURSOR', 'This cursor was not issued for this timeline; page from the start, or pass back an endCursor this field answered with.');
}

/** `secret` is the deployment's own; cursors are kept apart from its other uses by a label of their own. */
export function createCursorSigner(secret: string): CursorSigner {
  const key = createHmac('sha256', secret).update('citizen-events-cursor/v1').digest();
  const sign = (nino: string, payload: string) => createHmac('sha256', key).update(`${nino}\n${payload}`).digest().subarray(0, SIGNATURE_BYTES);

  return {
    write(nino, position) {
      const payload = Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
      return `${payload}.${sign(nino, payload).toString('base64url')}`;
    },
    read(nino, cursor) {
      const [payload, signature, ...rest] = cursor.split('.');
      if (payload === undefined || signature === undefined || rest.length > 0) throw refused();
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(nino, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
      // Signed by us, so well formed; checked all the same, so a leaked key could not smuggle in a crash.
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw refused();
      }
      if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string' || !INSTANT.test(decoded[0])) throw refused();
      return { at: decoded[0], id: decoded[1] };
    },
  };
}
