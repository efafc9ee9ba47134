import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { loadConfig, SUBGRAPH_NAMES } from '../../platform/config/index.ts';
import { loadSupergraph } from '../../gateway/supergraph.ts';
import { createCallerForwarding } from '../gateways/forward-caller.ts';

/**
 * The Hive peer: Hive Gateway with the Rust query planner runtime (@graphql-hive/router-runtime's
 * `unifiedGraphHandler`, what `hive-gateway supergraph --hive-router-runtime` uses), on the
 * same supergraph file and subgraphs (IDENTITY_URL...), otherwise default settings. Its only
 * addition is the internal token our subgraphs require, added in the documented `onFetch`
 * hook. Lives beside the peers' own node_modules so it resolves their packages.
 * Listens on PORT; needs INTERNAL_TOKEN_SECRET.
 */
const config = loadConfig(process.env);
if (!config.auth.internalTokenSecret) throw new Error('INTERNAL_TOKEN_SECRET is required');
const forwarding = createCallerForwarding(config.auth.internalTokenSecret);

const gateway = createGatewayRuntime({
  // The supergraph exactly as our gateway loads it.
  supergraph: loadSupergraph(),
  unifiedGraphHandler,
  logging: false,
  transportEntries: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { location: config.subgraphs[name].url }])),
  plugins: () => [
    {
      async onFetch({ context, options, setOptions }) {
        const caller = (context as { request?: Request }).request?.headers;
        const authorization = await forwarding.internalAuthorization(caller?.get('authorization') ?? undefined, caller?.get('x-purpose') ?? undefined);
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization } });
      },
    },
  ],
});
const server = createServer(gateway);
server.listen(config.gateway.port, config.host, () => console.log(`Hive Gateway (Rust query planner) http://${config.host}:${config.gateway.port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
  });
}
