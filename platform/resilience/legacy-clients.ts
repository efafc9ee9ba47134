import type { LegacySystemConfig } from '../config/index.ts';
import { createLegacyClient, type LegacyClient, type LegacyClientOptions } from './legacy-client.ts';

/**
 * The legacy systems as one process reaches them: one client per system, whichever of the
 * process's subgraphs calls it. They share its connections and its breaker, so a system that
 * fails is seen failing by all of them together, and cut off for all of them at once.
 */
export interface LegacyClients {
  /** The process's client for this system, made on first use. */
  of(system: LegacySystemConfig): LegacyClient;
  /** Closes every client made; the subgraphs using them are closed first. */
  close(): Promise<void>;
}

export function createLegacyClients(options: LegacyClientOptions = {}): LegacyClients {
  const clients = new Map<LegacySystemConfig['name'], LegacyClient>();
  return {
    of(system) {
      let client = clients.get(system.name);
      if (!client) {
        client = createLegacyClient(system, options);
        clients.set(system.name, client);
      }
      return client;
    },
    async close() {
      const closing = [...clients.values()];
      clients.clear();
      await Promise.all(closing.map((client) => client.close()));
    },
  };
}
