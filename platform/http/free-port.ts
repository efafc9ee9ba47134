import { createServer, type AddressInfo } from 'node:net';

/**
 * A port nothing listens on right now: `port` itself, or the OS's choice for 0. Rejects with
 * EADDRINUSE when `port` is taken, whether or not its holder shares it (SO_REUSEPORT).
 */
export async function freePort(port = 0, host = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen({ port, host, exclusive: true }, resolve));
  const bound = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return bound;
}
