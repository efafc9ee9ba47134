import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { stopListening } from './listen.ts';

/**
 * How long a connection idle when the drain begins stays open: its caller may already have
 * sent the next request, which is then answered (and the connection closed after it) rather
 * than reset under it. Connections still idle are closed at this interval until the drain ends.
 */
const IDLE_GRACE_MS = 1_000;

/**
 * How long the server goes on listening (and refusing) once nothing it accepted is in flight:
 * connections that reached it in its last busy moments are taken from the kernel's queue (or,
 * where the cluster's primary accepts for the workers, from the IPC channel) rather than left
 * there to be reset when it stops listening.
 */
const LINGER_MS = 100;

export interface Drain {
  /**
   * True for a request on a connection opened after the drain began. The server answers it at
   * once with a refusal to retry later (it is not run) and the drain does not wait for it.
   */
  refuses(request: IncomingMessage): boolean;
  /** Drains, bounded by `timeoutMs`; resolves once every connection is closed. Safe to call twice. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * Makes a server closable without cutting anyone off mid-answer. Once the drain begins, every
 * answer says `connection: close`, so Node closes its connection once it is sent and no caller
 * reuses a closing connection; connections idle through a short grace are closed; and only
 * when `timeoutMs` has passed is whatever is still open cut.
 *
 * The server keeps listening until the requests it had accepted are answered, refusing (via
 * `refuses`) what arrives on new connections meanwhile, and stops listening only then: a
 * connection still queued for a socket that stops listening is reset (by the kernel, or under
 * node:cluster's round robin by the primary once the last worker has gone). Closing when idle
 * leaves almost none queued. Node's own `server.close()` would also leave a kept-alive
 * connection open after its last answer, and `closeAllConnections()` would reset callers still
 * waiting for theirs.
 */
export function gracefulClose(server: Server): Drain {
  /** Requests accepted (not refused) and not yet answered: what the drain waits for. */
  const inFlight = new Set<ServerResponse>();
  const openedWhileDraining = new WeakSet<Socket>();
  /** Every connection open, whichever of the server's sockets accepted it: the drain ends when none is left. */
  const connections = new Set<Socket>();
  /** Set once the drain begins; `stopWhenIdle` stops listening once nothing accepted is in flight, after the linger. */
  let draining: { stopWhenIdle(): void } | undefined;
  const closeAfterAnswer = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  server.on('connection', (socket: Socket) => {
    if (draining) openedWhileDraining.add(socket);
    connections.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      draining?.stopWhenIdle();
    });
  });
  // Before the server's own handler, so the header is set before any answer is written.
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (draining) closeAfterAnswer(response);
    if (openedWhileDraining.has(request.socket)) return;
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      draining?.stopWhenIdle();
    });
  });
  let closed: Promise<void> | undefined;
  return {
    refuses: (request) => openedWhileDraining.has(request.socket),
    close: (timeoutMs) =>
      (closed ??= new Promise<void>((resolve) => {
        for (const response of inFlight) closeAfterAnswer(response);
        const idle = setInterval(() => server.closeIdleConnections(), Math.min(IDLE_GRACE_MS, timeoutMs / 2));
        let listening = true;
        let linger: NodeJS.Timeout | undefined;
        const finishWhenClosed = () => {
          if (listening || connections.size > 0) return;
          clearInterval(idle);
          clearTimeout(deadline);
          resolve();
        };
        const stop = () => {
          if (!listening) return;
          listening = false;
          clearTimeout(linger);
          stopListening(server);
          finishWhenClosed();
        };
        const deadline = setTimeout(() => {
          stop();
          server.closeAllConnections();
          // Any not yet carrying a request (node:http closes only those it parses for).
          for (const socket of connections) socket.destroy();
        }, timeoutMs);
        draining = {
          stopWhenIdle() {
            if (!listening) return finishWhenClosed();
            if (inFlight.size > 0 || linger) return;
            linger = setTimeout(() => {
              linger = undefined;
              if (inFlight.size === 0) stop();
            }, Math.min(LINGER_MS, timeoutMs / 2));
          },
        };
        draining.stopWhenIdle();
      })),
  };
}
