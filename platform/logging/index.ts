import { pino, type Logger, type DestinationStream } from 'pino';

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

/** Matches a NINO anywhere in a message string, for the message-level redaction below. */
const NINO_IN_TEXT = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi;

export function redactText(text: string): string {
  return text.replace(NINO_IN_TEXT, '[NINO]');
}

export function createLogger(options: { level: string; name: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      // `service`, not pino's `name`: a top-level `name` is redacted as a person's name.
      base: { service: options.name },
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
      formatters: {
        log(object) {
          const err = object.err as { message?: unknown } | undefined;
          if (err && typeof err.message === 'string') return { ...object, err: { ...err, message: redactText(err.message) } };
          return object;
        },
      },
    },
    options.destination,
  );
}
