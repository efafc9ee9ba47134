/**
 * The browser pages' one way to the API: the public `/graphql` endpoint on the page's own
 * origin, as any consuming team's client would call it, with the caller's bearer token and
 * declared purpose (`x-purpose`, the header the gateway reads a caseworker's case reference from).
 */

export interface GraphQLError {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly code?: string; readonly requestId?: string; readonly [key: string]: unknown };
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  readonly data?: TData | null;
  readonly errors?: readonly GraphQLError[];
}

export interface GraphQLRequest {
  readonly query?: string;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface Credentials {
  readonly token: string;
  readonly purpose: string;
}

// Paths resolve against the page's own address: the pages call only the origin that served them.
export const GRAPHQL_PATH = '/graphql';
export const PURPOSE_HEADER = 'x-purpose';

/** Sends one operation; any HTTP status with a GraphQL body (401, 429, 400...) comes back as that body. */
export async function postGraphQL<TData = Record<string, unknown>>(request: GraphQLRequest, credentials: Credentials, extraHeaders: Readonly<Record<string, string>> = {}): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders };
  if (credentials.token.trim()) headers.authorization = `Bearer ${credentials.token.trim()}`;
  if (credentials.purpose.trim()) headers[PURPOSE_HEADER] = credentials.purpose.trim();
  const response = await fetch(new URL(GRAPHQL_PATH, location.href), { method: 'POST', headers, body: JSON.stringify(request) });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResponse<TData>;
  } catch {
    return { errors: [{ message: `The API answered HTTP ${response.status} without a GraphQL body.`, extensions: { code: 'BAD_RESPONSE' } }] };
  }
}

/** What the development issuer mints a token for (its options as `npm run token` takes them). */
export interface DevCaller {
  readonly role: string;
  readonly nino?: string;
  readonly scopes?: readonly string[];
  readonly org?: string;
}

/** Where the gateway mints development tokens; it answers only in development. */
export const DEV_SIGN_IN_PATH = '/dev-issuer/token';
/** What the gateway tells its pages: whether the development sign-in is there. */
export const WEB_SETTINGS_PATH = '/web/settings.json';

export interface WebSettings {
  readonly devSignIn: boolean;
}

export async function fetchSettings(): Promise<WebSettings> {
  const response = await fetch(new URL(WEB_SETTINGS_PATH, location.href), { headers: { accept: 'application/json' } });
  return response.ok ? ((await response.json()) as WebSettings) : { devSignIn: false };
}

/** Mints a development token; throws with the issuer's reason when it refuses. */
export async function devSignIn(caller: DevCaller): Promise<string> {
  const response = await fetch(new URL(DEV_SIGN_IN_PATH, location.href), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caller) });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `Sign-in failed (HTTP ${response.status})`);
  return body.token;
}
