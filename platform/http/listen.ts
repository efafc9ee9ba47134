import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and resolves with the port bound; rejects with the listen error (e.g. EADDRINUSE) instead of crashing. */
export async function listenOn(server: Server, listen: { port: number; host: string }): Promise<{ port: number; origin: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}` };
}
