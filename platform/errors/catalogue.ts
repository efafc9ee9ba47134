/**
 * Every error code Citizen Graph returns in `extensions.code`, with its meaning and the fix.
 * Codes are never reused for a different meaning; the README's table is checked against this.
 */
export const ERROR_CATALOGUE = {
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No valid bearer token: missing, expired, wrongly signed, wrong issuer or audience.', fix: 'Send `Authorization: Bearer <token>` from the configured issuer.' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller is authenticated but not allowed this field, record or operation.', fix: 'Ask for a token with the scope the field declares, or query only what your role may see.' },
  PURPOSE_REQUIRED: { httpStatus: 400, meaning: 'A caseworker or analyst request did not declare its purpose.', fix: 'Send the case reference in the `x-purpose` header (1-64 of A-Z a-z 0-9 space _ . / : -).' },
  INVALID_NINO: { httpStatus: 400, meaning: 'Not a National Insurance number: two prefix letters, six digits and a suffix A-D.', fix: 'Correct the NINO; spaces and lower case are accepted.' },
  INVALID_POSTCODE: { httpStatus: 400, meaning: 'Not a well-formed UK postcode.', fix: 'Send outward and inward code, e.g. `LS1 4AP`.' },
  INVALID_SORT_CODE: { httpStatus: 400, meaning: 'A sort code is six digits.', fix: 'Send e.g. `20-00-00`, `20 00 00` or `200000`.' },
  INVALID_ACCOUNT_NUMBER: { httpStatus: 400, meaning: 'An account number is 6 to 10 digits.', fix: 'Send the digits only.' },
  INVALID_DATE: { httpStatus: 400, meaning: 'Not a real calendar date in ISO form.', fix: 'Send `YYYY-MM-DD`.' },
  INVALID_MONEY: { httpStatus: 400, meaning: 'Not an amount of money in pounds.', fix: 'Send a decimal with at most two places, e.g. `241.30`.' },
  INVALID_ARGUMENT: { httpStatus: 400, meaning: 'An argument is outside its documented limits.', fix: 'Read the argument description in the schema.' },
  INVALID_CURSOR: { httpStatus: 400, meaning: 'A paging cursor this field did not issue for this citizen: altered, made up, or from another citizen\'s list.', fix: 'Page from the start (no `after`), then pass back only the `endCursor` the same field answered with.' },
  QUERY_LIMIT_EXCEEDED: { httpStatus: 400, meaning: 'The query breaks one of the limits on depth, aliases, directives, selections or cost; only the first broken limit is reported.', fix: 'Split the query into smaller ones; the limits are listed under Hardening in the README.' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, meaning: 'Which operation to run could not be decided: the document has no operation named `operationName`, or several operations and no `operationName`.', fix: 'Send `operationName` naming one operation of the document, or send one operation only.' },
  TOO_MANY_CITIZENS: { httpStatus: 400, meaning: 'A caseload asks for more citizens than one request may.', fix: 'Ask for at most 100 NINOs per request.' },
  TOO_MANY_MATCHES: { httpStatus: 200, meaning: 'A trace matched more than 50 people.', fix: 'Narrow the trace: add a postcode or full forename.' },
  CITIZEN_NOT_FOUND: { httpStatus: 200, meaning: 'No citizen holds this NINO.', fix: 'Check the NINO, or trace the citizen by name and date of birth.' },
  LEGACY_UNAVAILABLE: { httpStatus: 200, meaning: 'A legacy system failed to answer; only its part of the answer is missing.', fix: 'Retry later; the rest of the answer is complete.' },
  LEGACY_TIMEOUT: { httpStatus: 200, meaning: 'A legacy system answered too slowly, or the request\'s time ran out before it could be asked (the message says which); only its part of the answer is missing.', fix: 'Retry later; the rest of the answer is complete.' },
  LEGACY_WRITE_REFUSED: { httpStatus: 200, meaning: 'A legacy system refused a change written to it as invalid; sending it again will not help.', fix: 'A caseworker checks the change against that system\'s record; the other systems are not affected.' },
  IDEMPOTENCY_KEY_REUSED: { httpStatus: 200, meaning: 'This idempotency key was already used by this caller for a different request; nothing was done.', fix: 'Use a new key for a new request; repeat a request only with exactly its first arguments.' },
  UPRN_NOT_FOUND: { httpStatus: 200, meaning: 'No address in the address look-up has this UPRN.', fix: 'Pick the new address from addressLookup(postcode) and send its uprn.' },
  CHANGE_NOT_FOUND: { httpStatus: 200, meaning: 'No change of circumstances has this id.', fix: 'Use the id the reporting mutation answered with.' },
  LEGACY_RATE_LIMITED: { httpStatus: 200, meaning: 'A legacy system or outside service (GOV.UK Notify) refused a call for now: its rate limit was reached, and nothing was done.', fix: 'Nothing: the call is retried once the time the system asked for has passed.' },
  SUBGRAPH_UNAVAILABLE: { httpStatus: 200, meaning: 'A part of the graph did not answer in time; only its part of the answer is missing.', fix: 'Retry later; the rest of the answer is complete.' },
  AUDIT_UNAVAILABLE: { httpStatus: 200, meaning: 'The access audit could not be written, so no citizen data was returned.', fix: 'Retry later; nothing was disclosed.' },
  PERSISTED_QUERY_REQUIRED: { httpStatus: 400, meaning: 'This caller may only run operations from the persisted-operation manifest.', fix: 'Send the manifest operation id in `extensions.persistedQuery.sha256Hash`.' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 400, meaning: 'The persisted operation id is not in the manifest.', fix: 'Use an id from the published manifest.' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, meaning: 'The request body is larger than the server accepts.', fix: 'Send a smaller request; a caseload takes at most 100 NINOs.' },
  RATE_LIMITED: { httpStatus: 429, meaning: 'This caller, or its organisation, made more requests in the current window than its role allows; nothing was run.', fix: 'Wait the seconds in `Retry-After`, then retry; spread requests out or ask for a larger budget (RATE_LIMITS).' },
  OVERLOADED: { httpStatus: 503, meaning: 'The gateway is at its limit of requests in flight and shed this one unread, so admitted requests stay prompt.', fix: 'Retry after the seconds in `Retry-After`, with backoff.' },
  SHUTTING_DOWN: { httpStatus: 503, meaning: 'This server is shutting down: it is finishing the requests it had already accepted and ran none of this one (it came on a connection opened after the shutdown began).', fix: 'Retry after the seconds in `Retry-After`: another instance, or this one once restarted, answers.' },
  NOT_FOUND: { httpStatus: 404, meaning: 'No such path: GraphQL is served at /graphql.', fix: 'POST to /graphql.' },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: 'Something failed inside Citizen Graph; details are in the server log under the request id.', fix: 'Quote the request id to support.' },
} as const satisfies Record<string, { httpStatus: number; meaning: string; fix: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}
