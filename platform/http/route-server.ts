import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gracefulClose } from './graceful-close.ts';
import { listenOn } from './listen.ts';
import { splitTarget } from './request-target.ts';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RunningServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish (bounded), then releases everything. */
  close(): Promise<void>;
}

/** A small server for side routes only (the operations port's `/metrics`); anything else is 404. */
export async function startRouteServer(routes: Readonly<Record<string, RouteHandler>>, listen: { port: number; host: string; shutdownTimeoutMs: number }): Promise<RunningServer> {
  const server = createServer(async (request, response) => {
    const route = routes[`${request.method} ${splitTarget(request.url ?? '/').path}`];
    try {
      if (route) return await route(request, response);
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
    } catch {
      if (response.headersSent) return void response.destroy();
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    }
  });
  const drain = gracefulClose(server);
  const { port, origin } = await listenOn(server, listen);
  const close = () => drain.close(listen.shutdownTimeoutMs);
  return { url: origin, port, close, [Symbol.asyncDispose]: close };
}
