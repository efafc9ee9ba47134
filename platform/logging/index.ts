import { pino, stdSerializers, type Logger, type DestinationStream } from 'pino';
import { activeTraceIds } from '../tracing/index.ts';

export type { Logger } from 'pino';

/**
 * Personal data must never reach a log in plain text. Code logs identifiers such as request
 * ids, never citizens; these paths are the safety net for an object logged by mistake.
 */
const REDACTED_PATHS = [
  'nino', '*.nino', 'ninos', '*.ninos',
  'name', '*.name', 'givenName', 'familyName', '*.givenName', '*.familyName',
  'dateOfBirth', '*.dateOfBirth', 'postcode', '*.postcode', 'address', '*.address',
  'sortCode', '*.sortCode', 'accountNumber', '*.accountNumber',
  'variables', '*.variables', 'authorization', '*.authorization', 'req.headers.authorization',
  'headers.authorization', 'token', '*.token',
];

/** Personal data with a recognisable shape, for redaction inside free text (messages, stacks). */
const IN_TEXT: ReadonlyArray<readonly [pattern: RegExp, replacement: string]> = [
  [/\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi, '[NINO]'],
  [/\b\d{2}-\d{2}-\d{2}\b/g, '[SORT CODE]'],
  [/\b\d{8}\b/g, '[ACCOUNT NUMBER]'],
];

export function redactText(text: string): string {
  return IN_TEXT.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}

/**
 * What of an error may be logged. Errors carry whatever their library attached: a database error
 * may hold the SQL and its parameters (NINOs among them), PostgreSQL's `detail` and `where` quote
 * the row and parameters, @apollo/gateway a subgraph's response body. Only these diagnostic properties are kept,
 * so a new property on some library's error never leaks by accident.
 */
const LOGGED_ERROR_PROPERTIES = ['type', 'message', 'stack', 'code', 'errno', 'syscall', 'severity', 'routine', 'system', 'path'] as const;
const LOGGED_EXTENSIONS = ['code', 'serviceName', 'system'] as const;

type SerializedError = Record<string, unknown>;

/** pino's `err` serializer (which folds `cause` into message and stack), narrowed to safe properties with personal data redacted from its text. */
export function serializeError(error: unknown): unknown {
  if (typeof error === 'string') return redactText(error);
  if (typeof error !== 'object' || error === null) return error;
  const full = stdSerializers.err(error as Error) as unknown as SerializedError;
  const safe: SerializedError = {};
  for (const key of LOGGED_ERROR_PROPERTIES) {
    const value = full[key];
    if (value === undefined) continue;
    safe[key] = typeof value === 'string' ? redactText(value) : value;
  }
  const extensions = full.extensions as Record<string, unknown> | undefined;
  if (extensions && typeof extensions === 'object') {
    safe.extensions = Object.fromEntries(LOGGED_EXTENSIONS.filter((key) => extensions[key] !== undefined).map((key) => [key, extensions[key]]));
  }
  if (Array.isArray(full.aggregateErrors)) safe.aggregateErrors = full.aggregateErrors.map(serializeError);
  return safe;
}

export function createLogger(options: { level: string; name: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      // `service`, not pino's `name`: a top-level `name` is redacted as a person's name.
      base: { service: options.name },
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: { err: serializeError },
      // A line logged inside a traced request names its trace and span, beside the request id code passes.
      mixin: activeTraceIds,
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
    },
    options.destination,
  );
}
