import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Makes a server closable without cutting anyone off mid-answer. The returned function stops
 * accepting, closes idle keep-alive connections at once, lets requests in flight finish (their
 * responses say `connection: close`, so no caller reuses a closing connection), and only when
 * `timeoutMs` has passed cuts whatever is still open. Node's own `server.close()` would leave
 * a kept-alive connection open after its last answer, and `closeAllConnections()` would reset
 * callers still waiting for theirs.
 */
export function gracefulClose(server: Server): (timeoutMs: number) => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const closeAfterAnswer = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
    const closeIdle = () => setImmediate(() => server.closeIdleConnections());
    if (response.writableFinished) closeIdle();
    else response.once('finish', closeIdle);
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
      const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve();
      });
    }));
}
