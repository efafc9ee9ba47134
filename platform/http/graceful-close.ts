import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/**
 * How long a connection idle when the drain begins stays open: its caller may already have
 * sent the next request, which is then answered (and the connection closed after it) rather
 * than reset under it.
 */
const IDLE_GRACE_MS = 1_000;

/**
 * Makes a server closable without cutting anyone off mid-answer. The returned function stops
 * accepting; every answer from then on says `connection: close`, so Node closes its
 * connection once it is sent and no caller reuses a closing connection; connections idle
 * through a short grace are closed; and only when `timeoutMs` has passed is whatever is still
 * open cut. Node's own `server.close()` would leave a kept-alive connection open after its last
 * answer, and `closeAllConnections()` would reset callers still waiting for theirs.
 */
export function gracefulClose(server: Server): (timeoutMs: number) => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const closeAfterAnswer = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  // Before the server's own handler, so the header is set before any answer is written.
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (draining) closeAfterAnswer(response);
  });
  let closed: Promise<void> | undefined;
  return (timeoutMs) =>
    (closed ??= new Promise<void>((resolve) => {
      draining = true;
      for (const response of inFlight) closeAfterAnswer(response);
      const idle = setTimeout(() => server.closeIdleConnections(), Math.min(IDLE_GRACE_MS, timeoutMs / 2));
      const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
      // net's close only stops accepting: http's own `close()` also closes idle connections at
      // once, resetting a caller whose next request is already on its way.
      NetServer.prototype.close.call(server, () => {
        clearTimeout(idle);
        clearTimeout(deadline);
        resolve();
      });
    }));
}
