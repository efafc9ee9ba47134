/**
 * Adds the request id to every error of a JSON error response that lacks one. Apollo answers
 * some refusals (CSRF, batching, a malformed request) before any plugin sees the request, so
 * only the HTTP layer, which made the id, can put it beside them.
 */
export function withRequestId(body: string, requestId: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return body;
  for (const error of errors as Array<{ extensions?: Record<string, unknown> }>) {
    if (error.extensions?.requestId === undefined) error.extensions = { ...error.extensions, requestId };
  }
  return JSON.stringify(parsed);
}
