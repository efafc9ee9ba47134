import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { AppError, ERROR_CATALOGUE, INTERNAL_MESSAGE, RetryLaterError } from '../errors/index.ts';
import { SPAN_ATTRIBUTES, TRACING_OFF, type Tracing } from '../tracing/index.ts';
import { gracefulClose } from './graceful-close.ts';
import { listenOn, type ListenOptions } from './listen.ts';
import { splitTarget } from './request-target.ts';
import { withRequestId } from './request-id.ts';
import type { RouteHandler, RunningServer } from './route-server.ts';

/** Lets a request in (at once, or once it may go on), returning what to call once it has been answered; throws or rejects with an AppError to shed it. */
export type Admit = () => (() => void) | Promise<() => void>;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** Builds the per-request context from the request headers before any GraphQL work; throw an AppError to refuse the request. */
  readonly context: (headers: IncomingHttpHeaders, requestId: string) => Promise<TContext>;
  /** Inspects or rewrites the parsed body for this caller (e.g. persisted operations); throw an AppError to refuse. */
  readonly prepareBody?: (context: TContext, body: unknown) => unknown | Promise<unknown>;
  /** Each request runs in a span of this name, continuing the trace its `traceparent` header carries. Default: tracing off. */
  readonly requestSpan?: { readonly tracing: Tracing; readonly name: string };
  /** Told the code of each request refused before GraphQL ran (unauthenticated, over its rate limit, ...): for the metrics. */
  readonly onRefusal?: (code: string) => void;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> extends GraphQLHandlerOptions<TContext> {
  /**
   * Runs first for every GraphQL request that arrives over the socket, before the caller is
   * authenticated or the body read, so shedding costs almost nothing. Side routes are never
   * subject to it.
   */
  readonly admit?: Admit;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Extra routes by `METHOD path`, e.g. `GET /health/live`. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** On close, how long requests in flight may take to finish before their connections are cut. */
  readonly shutdownTimeoutMs: number;
}

/** One GraphQL request as the server sees it. */
interface GraphQLHttpRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly search: string;
  /** The parsed JSON body; read only once the caller is known, so a stranger's body is never read. */
  readonly body: () => Promise<unknown>;
}

interface GraphQLHttpResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: HTTPGraphQLResponse['body'];
}

/** Answers one GraphQL request (context, body, Apollo, refusals as typed errors), apart from the socket it came on. */
type GraphQLHandler = (request: GraphQLHttpRequest, requestId: string) => Promise<GraphQLHttpResponse>;

class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super('request body too large');
    this.limit = limit;
  }
}
class MalformedBodyError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  // Events rather than an async iterator: creating the iterator was 3% of a trivial request's gateway CPU in profiles.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      request.off('data', onData).off('end', onEnd).off('error', finish).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Stop reading without destroying the request (and with it the socket): the 413 still has to be sent.
      if (size > limit) {
        request.pause();
        finish(new BodyTooLargeError(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onClose = () => finish(new Error('the caller hung up mid-body'));
    request.on('data', onData).on('end', onEnd).on('error', finish).on('close', onClose);
  });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GraphQLHttpResponse {
  return { status, headers: new Map(Object.entries({ 'content-type': 'application/json; charset=utf-8', ...headers })), body: { kind: 'complete', string: JSON.stringify(body) } };
}

const SHUTTING_DOWN_MESSAGE = 'This server is shutting down: it is finishing the requests it had accepted and ran none of this one.';

function requestError(code: string, message: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

/** A refusal as a typed error with its HTTP status (and Retry-After for one that asks the caller to come back). */
function refusal(error: AppError, requestId: string): GraphQLHttpResponse {
  const status = ERROR_CATALOGUE[error.code].httpStatus;
  const headers: Record<string, string> = {};
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (error instanceof RetryLaterError) headers['retry-after'] = String(error.retryAfterSeconds);
  return jsonResponse(status, requestError(error.code, error.message, requestId), headers);
}

function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>): GraphQLHandler {
  const { tracing, name } = options.requestSpan ?? { tracing: TRACING_OFF, name: '' };
  // Off, not even the span's options are built.
  if (!tracing.enabled) return respond;
  return (request, requestId) =>
    tracing.inSpan(name, { kind: 'server', incoming: request.headers, attributes: { [SPAN_ATTRIBUTES.requestId]: requestId } }, () => respond(request, requestId));

  async function respond(request: GraphQLHttpRequest, requestId: string): Promise<GraphQLHttpResponse> {
    try {
      const context = await options.context(request.headers, requestId);
      let body = await request.body();
      if (options.prepareBody) body = await options.prepareBody(context, body);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method, headers, search: request.search, body },
        context: async () => context,
      });
      const status = result.status ?? 200;
      // Anything but a 200 may be a refusal Apollo made before any plugin saw the request: give it the request id too.
      const answer = status !== 200 && result.body.kind === 'complete' ? { kind: 'complete' as const, string: withRequestId(result.body.string, requestId) } : result.body;
      return { status, headers: result.headers, body: answer };
    } catch (error) {
      if (error instanceof AppError) {
        options.onRefusal?.(error.code);
        return refusal(error, requestId);
      }
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is still unread on this connection: close it rather than read
        // the rest as the next request.
        return jsonResponse(413, requestError('PAYLOAD_TOO_LARGE', `The request body exceeds ${error.limit} bytes.`, requestId), { connection: 'close' });
      }
      if (error instanceof MalformedBodyError) return jsonResponse(400, requestError('BAD_REQUEST', 'The request body is not valid JSON.', requestId));
      return jsonResponse(500, requestError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, requestId));
    }
  }
}

/**
 * Serves an ApolloServer on node:http at `/graphql`, owning what the standalone server does
 * not let us decide: the body limit, a typed error for a malformed body, side routes, and a
 * close that drains rather than cuts.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
  listen: ListenOptions,
): Promise<RunningServer> {
  const handle = createGraphQLHandler(options);
  const server = createServer(async (request, response) => {
    const { path, search } = splitTarget(request.url ?? '/');
    const route = options.routes?.[`${request.method} ${path}`];
    // Every answer, refusals included, carries the id support will ask for.
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    let release: (() => void) | undefined;
    try {
      if (route) return await route(request, response);
      let result: GraphQLHttpResponse | undefined;
      if (path !== '/graphql') result = jsonResponse(404, requestError('NOT_FOUND', 'Not found: GraphQL is served at /graphql.', requestId));
      else {
        try {
          if (drain.refuses(request)) throw new RetryLaterError('SHUTTING_DOWN', SHUTTING_DOWN_MESSAGE, 1);
          const admitted = options.admit?.();
          // Awaited only when the request has to wait its turn: most are admitted at once.
          release = admitted instanceof Promise ? await admitted : admitted;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          options.onRefusal?.(error.code);
          result = refusal(error, requestId);
        }
        result ??= await handle({ method: request.method ?? 'GET', headers: request.headers, search, body: () => parseBody(request, options.maxBodyBytes) }, requestId);
      }
      for (const [key, value] of result.headers) response.setHeader(key, value);
      // Answers name citizens: no browser or proxy may keep them.
      response.setHeader('cache-control', 'no-store');
      response.statusCode = result.status;
      // No writeHead: headers fixed before the body is known go without its length, and the
      // body chunked. `end` with the whole body sends its length and both in one write.
      if (result.body.kind === 'complete') return void response.end(result.body.string);
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch {
      if (response.headersSent) return void response.destroy();
      response.statusCode = 500;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(requestError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, requestId)));
    } finally {
      // Only once the work is done: a caller who hangs up does not stop its request executing.
      release?.();
    }
  });
  server.keepAliveTimeout = 65_000;
  const drain = gracefulClose(server);
  const { port, origin } = await listenOn(server, listen);
  const close = async () => {
    await drain.close(options.shutdownTimeoutMs);
    await options.apollo.stop();
  };
  return { url: `${origin}/graphql`, port, close, [Symbol.asyncDispose]: close };
}

async function parseBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  const raw = await readBody(request, limit);
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new MalformedBodyError();
  }
}
