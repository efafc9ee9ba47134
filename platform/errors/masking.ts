import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from './catalogue.ts';
import { AppError } from './app-error.ts';

/** Extension keys our own errors may carry to a caller; anything else is dropped. */
const SAFE_EXTENSION_KEYS = new Set(['code', 'system', 'requestId', 'field']);

/**
 * Codes raised by GraphQL itself or Apollo Server for a malformed request: their messages
 * describe the caller's query, never our internals, so they pass through.
 */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Shapes an error for a caller: our catalogued codes and GraphQL request errors keep their
 * message; anything else becomes a generic message (the request id travels beside it, in
 * `extensions.requestId`, added per request by the server). Stack traces,
 * `extensions.response` (where @apollo/gateway copies a subgraph's URL and body) and every
 * other extension are stripped.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // graphql-js wraps a scalar's refusal as `Variable "$v" got invalid value <the whole input>; ...`
  // and Apollo recodes it BAD_USER_INPUT: answer with our own safe message and code instead.
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  if (original instanceof AppError) formatted = { ...formatted, message: original.message, extensions: { ...formatted.extensions, ...original.extensions } };
  const code = formatted.extensions?.code;
  // INTERNAL_SERVER_ERROR is what GraphQL servers stamp on anything unexpected: never ours to pass on.
  const known = (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
  const extensions: Record<string, unknown> = {};
  if (known) {
    for (const [key, value] of Object.entries(formatted.extensions ?? {})) {
      if (SAFE_EXTENSION_KEYS.has(key)) extensions[key] = value;
    }
  } else {
    extensions.code = 'INTERNAL_SERVER_ERROR';
  }
  const message = !known ? INTERNAL_MESSAGE : QUOTING_CODES.has(String(code)) ? capLength(formatted.message) : formatted.message.trim();
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

export const INTERNAL_MESSAGE = 'Internal error; quote the request id (extensions.requestId) to support.';

/**
 * Codes whose messages graphql-js writes from the caller's own query or variables. Every other
 * passed-on message is a fixed text (ours, or Apollo's refusals, such as the CSRF one that ends
 * by naming the headers to send) and goes whole.
 */
const QUOTING_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** GraphQL's own messages can quote a caller's input back; a flood of it helps nobody. */
const MAX_MESSAGE_LENGTH = 300;

function capLength(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
}
