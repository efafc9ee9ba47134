import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { AppError, ERROR_CATALOGUE, INTERNAL_MESSAGE, RetryLaterError } from '../errors/index.ts';
import { withRequestId } from './request-id.ts';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Lets a request in, returning what to call once it has been answered; throws an AppError to shed it. */
export type Admit = () => () => void;

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** Runs first for every GraphQL request, before the caller is authenticated or the body read, so shedding costs almost nothing. Side routes are never subject to it. */
  readonly admit?: Admit;
  /** Builds the per-request context before any GraphQL work; throw an AppError to refuse the request. */
  readonly context: (request: IncomingMessage, requestId: string) => Promise<TContext>;
  /** Inspects or rewrites the parsed body for this caller (e.g. persisted operations); throw an AppError to refuse. */
  readonly prepareBody?: (context: TContext, body: unknown) => unknown | Promise<unknown>;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Extra routes by `METHOD path`, e.g. `GET /health`. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
}

export interface RunningServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  // Stopping early must not destroy the request (and with it the socket): the 413 still has to be sent.
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function requestError(code: string, message: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

/**
 * Serves an ApolloServer on node:http at `/graphql`, owning what the standalone server does
 * not let us decide: the body limit, a typed error for a malformed body, and side routes.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = options.routes?.[`${request.method} ${url.pathname}`];
    // Every answer, refusals included, carries the id support will ask for.
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    let release: (() => void) | undefined;
    try {
      if (route) return await route(request, response);
      if (url.pathname !== '/graphql') return sendJson(response, 404, requestError('NOT_FOUND', 'Not found: GraphQL is served at /graphql.', requestId));
      release = options.admit?.();
      const context = await options.context(request, requestId);
      const raw = request.method === 'POST' ? await readBody(request, options.maxBodyBytes) : '';
      let body: unknown;
      if (raw !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(response, 400, requestError('BAD_REQUEST', 'The request body is not valid JSON.', requestId));
        }
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      if (options.prepareBody) body = await options.prepareBody(context, body);
      const result = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: async () => context,
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.writeHead(result.status ?? 200);
      // Anything but a 200 may be a refusal Apollo made before any plugin saw the request.
      if (result.body.kind === 'complete') return void response.end((result.status ?? 200) === 200 ? result.body.string : withRequestId(result.body.string, requestId));
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (response.headersSent) return void response.destroy();
      if (error instanceof AppError) {
        const status = ERROR_CATALOGUE[error.code].httpStatus;
        if (status === 401) response.setHeader('www-authenticate', 'Bearer');
        if (error instanceof RetryLaterError) response.setHeader('retry-after', String(error.retryAfterSeconds));
        return sendJson(response, status, requestError(error.code, error.message, requestId));
      }
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is still unread on this connection: close it rather than read
        // the rest as the next request.
        response.setHeader('connection', 'close');
        return sendJson(response, 413, requestError('PAYLOAD_TOO_LARGE', `The request body exceeds ${options.maxBodyBytes} bytes.`, requestId));
      }
      sendJson(response, 500, requestError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, requestId));
    } finally {
      // Only once the work is done: a caller who hangs up does not stop its request executing.
      release?.();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    await options.apollo.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}/graphql`, port, close, [Symbol.asyncDispose]: close };
}
