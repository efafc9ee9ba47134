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
  /**
   * This exact read (system, method, path, headers, body) for the request: the answer an
   * earlier reader asked for, arrived or arriving; or, for the first reader, the means to
   * settle the answer that later readers will share until it fails.
   */
  claim(system: string, request: LegacyRequest): SharedRead;
  forget(): void;
}

export type SharedRead =
  | { readonly earlier: Promise<LegacyResponse> }
  | { readonly earlier?: undefined; resolve(response: LegacyResponse): void; reject(error: unknown): void };

export function createSharedReads(): SharedReads {
  const answers = new Map<string, Promise<LegacyResponse>>();
  return {
    claim(system, request) {
      const key = JSON.stringify([system, request.method, request.path, request.headers ?? null, request.body ?? null]);
      const earlier = answers.get(key);
      if (earlier) return { earlier };
      const answer = Promise.withResolvers<LegacyResponse>();
      answers.set(key, answer.promise);
      answer.promise.catch(() => {
        if (answers.get(key) === answer.promise) answers.delete(key);
      });
      return { resolve: answer.resolve, reject: answer.reject };
    },
    forget: () => answers.clear(),
  };
}
