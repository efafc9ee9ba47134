/**
 * Just enough NINO handling for tokens and policies: normalise and check the shape. The full
 * parser (with its error codes) belongs to platform/domain; this stays local so auth
 * does not depend on it.
 */
const NINO_SHAPE = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** Upper case with all whitespace removed: the form NINOs are compared and stored in. */
export function normaliseNino(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function looksLikeNino(raw: string): boolean {
  return NINO_SHAPE.test(normaliseNino(raw));
}
