import type { LegacyRequest, LegacyResponse } from './legacy-client.ts';

/**
 * The legacy answers one caller request has had so far, shared by the subgraphs that serve it
 * in one process. Identity, awards and address each read the citizen's CIS record for a field
 * of their own (the person, the date of death, the restriction); through this they ask CIS once
 * per request rather than once each, and each still parses the answer itself, so none takes
 * another's word for what CIS said. Only successful answers stay: a read that failed is tried
 * afresh by whoever asks next, with what is left of the deadline. A write forgets everything,
 * so nothing read before a change is served after it.
 */
export interface SharedReads {
  /** The answer to this exact read (system, method, path, headers, body), asked or arriving. */
  get(system: string, request: LegacyRequest): Promise<LegacyResponse> | undefined;
  /** Shares `answer` with the request's later identical reads until it fails. */
  share(system: string, request: LegacyRequest, answer: Promise<LegacyResponse>): void;
  forget(): void;
}

export function createSharedReads(): SharedReads {
  const answers = new Map<string, Promise<LegacyResponse>>();
  const keyOf = (system: string, request: LegacyRequest) => JSON.stringify([system, request.method, request.path, request.headers ?? null, request.body ?? null]);
  return {
    get: (system, request) => answers.get(keyOf(system, request)),
    share(system, request, answer) {
      const key = keyOf(system, request);
      answers.set(key, answer);
      answer.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
    },
    forget: () => answers.clear(),
  };
}
