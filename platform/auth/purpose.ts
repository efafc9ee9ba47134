import { ValidationError } from '../errors/index.ts';

const PURPOSE_SHAPE = /^[A-Za-z0-9 _./:-]{1,64}$/;

/**
 * Reads the `x-purpose` header: a case reference of 1-64 characters from
 * `A-Z a-z 0-9 space _ . / : -`. Returns undefined when absent or blank (whether that is
 * allowed is the policies' decision) and throws PURPOSE_REQUIRED when present but malformed,
 * so a free-text purpose (which might hold personal data) is never accepted or stored.
 */
export function parsePurpose(raw: string | readonly string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw malformed();
  const purpose = raw.trim();
  if (purpose === '') return undefined;
  if (!PURPOSE_SHAPE.test(purpose)) throw malformed();
  return purpose;
}

function malformed(): ValidationError {
  return new ValidationError('PURPOSE_REQUIRED', 'x-purpose must be one case reference: 1-64 of A-Z a-z 0-9 space _ . / : -');
}
