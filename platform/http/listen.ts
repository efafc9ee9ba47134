import type { Server } from 'node:http';
import { createServer as createNetServer, Server as NetServer, type AddressInfo } from 'node:net';

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /**
   * Listening sockets this process opens on the port (1 by default). More than one binds them
   * all with SO_REUSEPORT, so several processes serve the port side by side, each accepting its
   * own connections, and the kernel spreads new connections over every socket. libuv accepts one
   * connection per socket per turn of the event loop: a process whose turns are long (busy, or
   * still warming up) accepts that many connections per turn, not one. Only Linux spreads
   * connections so; elsewhere the server listens as with 1 (under node:cluster, through the primary).
   */
  readonly acceptors?: number;
}

/** The extra sockets a server accepts on, beyond its own: closed with it by `stopListening`. */
const extraAcceptors = new WeakMap<Server, readonly NetServer[]>();

function bind(server: NetServer, options: { port: number; host: string; reusePort: boolean }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, reusePort: options.reusePort }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Listens and resolves with the port bound; rejects with the listen error (e.g. EADDRINUSE) instead of crashing. */
export async function listenOn(server: Server, listen: ListenOptions): Promise<{ port: number; origin: string }> {
  const acceptors = process.platform === 'linux' ? (listen.acceptors ?? 1) : 1;
  const reusePort = acceptors > 1;
  await bind(server, { port: listen.port, host: listen.host, reusePort });
  const { port } = server.address() as AddressInfo;
  if (reusePort) {
    const extras: NetServer[] = [];
    extraAcceptors.set(server, extras);
    for (let i = 1; i < acceptors; i++) {
      // node:http's own sockets are set no-delay; these hand theirs to it, so they are too.
      const extra = createNetServer({ noDelay: true }, (socket) => server.emit('connection', socket));
      extras.push(extra);
      try {
        await bind(extra, { port, host: listen.host, reusePort });
      } catch (error) {
        stopListening(server);
        throw error;
      }
    }
  }
  return { port, origin: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}` };
}

/**
 * Stops accepting on every socket the server listens on. Connections already accepted stay
 * open: node:http's own `close()` would also close idle ones at once, resetting a caller whose
 * next request is already on its way.
 */
export function stopListening(server: Server): void {
  if (server.listening) NetServer.prototype.close.call(server);
  for (const extra of extraAcceptors.get(server) ?? []) if (extra.listening) extra.close();
}
