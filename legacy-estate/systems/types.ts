import type { RateLimiter } from './rate-limit.ts';
import type { RecordsView } from './records.ts';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The legacy systems the estate simulates; each is mounted at `/<id>`. The estate imports
 * nothing of the services, so test/architecture.test.ts checks this against LEGACY_SYSTEMS.
 */
export type SystemId = 'cis' | 'uc' | 'pscs' | 'disability' | 'payments' | 'postcodes' | 'jsaps' | 'notify';

export const SYSTEM_IDS: readonly SystemId[] = ['cis', 'uc', 'pscs', 'disability', 'payments', 'postcodes', 'jsaps', 'notify'];

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}

/** A request as a system sees it: the path is relative to the system's prefix. */
export interface SystemRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SystemResponse {
  status: number;
  contentType: string;
  body: string;
  /** Sent beside the content type, e.g. `Retry-After`. */
  headers?: Readonly<Record<string, string>>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the whole path after the system prefix. */
  pattern: RegExp;
  /** Further narrows the match by headers (a SOAP front routes on its SOAPAction). */
  accepts?(headers: IncomingHttpHeaders): boolean;
  /** The name `/__stats` counts it under. */
  operation: string;
  /** Changes what the system holds: its reply can be lost (`lostReplyRate`) after it is applied. */
  write?: true;
  handle(request: SystemRequest, match: RegExpExecArray): SystemResponse | Promise<SystemResponse>;
}

export interface LegacySystem {
  id: SystemId;
  routes: readonly Route[];
  /** An error in this system's own format: outages, injected errors, unknown routes, oversize bodies. */
  failure(status: number, message: string): SystemResponse;
  /** An injected malformed answer: HTTP 200 in this system's format, holding none of what any operation returns. */
  malformed(): SystemResponse;
  /** What was written to this system, for `GET /__records/<nino>`; absent for a system that takes no writes. */
  records?: RecordsView;
  /** What the system sent on (Notify's messages), for `GET /__records/<system id>`; absent where it sends nothing. */
  sent?(): unknown;
  /** The system's own rate limit (Notify's per key), for `GET`/`PUT /__rate-limit/<system id>`; absent where it has none. */
  rateLimit?: Pick<RateLimiter, 'settings' | 'replace'>;
}
