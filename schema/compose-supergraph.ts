import { composeServices } from '@apollo/composition';
import { SUBGRAPH_NAMES } from '../platform/config/index.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

/**
 * Composes the subgraphs' SDL into the supergraph. The URLs recorded here are placeholders:
 * the gateway always takes subgraph URLs from configuration.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, typeDefs: SUBGRAPHS[name].typeDefs, url: `http://${name}:4000/graphql` })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export const SUPERGRAPH_FILE = new URL('./supergraph.graphql', import.meta.url);
