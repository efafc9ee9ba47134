import { redactText } from '../logging/index.ts';

/** `v1`, `v2`: the one kind of path segment with digits that names an API, not a record. */
const VERSION = /^v\d+$/;

/**
 * A legacy call's operation as a trace names it: the method and the path without its query
 * string, any segment holding personal data or an identifier (the NINO in `/claims/{nino}`:
 * any digit but a version's, or a NINO-like shape) replaced by `{id}`, so the name is the same
 * for every citizen and reveals none.
 */
export function legacyOperation(request: { readonly method: string; readonly path: string }): string {
  const path = request.path.split('?', 1)[0]!;
  const template = path
    .split('/')
    .map((segment) => {
      const text = decoded(segment);
      return (/\d/.test(text) && !VERSION.test(text)) || redactText(text) !== text ? '{id}' : segment;
    })
    .join('/');
  return `${request.method} ${template}`;
}

/** An encoded NINO (`QQ%20123456C`) is still one; a segment that does not decode is kept as sent. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
