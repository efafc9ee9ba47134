import { readFileSync } from 'node:fs';

/** Authorization features the subgraphs enforce themselves (see platform/auth). */
const SUBGRAPH_ENFORCED_FEATURES = ['authenticated', 'requiresScopes', 'policy'];

/**
 * The supergraph as the gateway loads it. Composition marks the authorization directives'
 * features `for: SECURITY`, and @apollo/gateway refuses any security feature it does not
 * itself enforce (only Apollo Router does). Here every subgraph enforces them on every field,
 * including those reached through `_entities`, so the gateway is told they are plain
 * metadata; the committed supergraph keeps them for every reader.
 */
export function gatewayView(supergraphSdl: string): string {
  return supergraphSdl.replace(/@link\(url: "https:\/\/specs\.apollo\.dev\/(\w+)\/v[\d.]+", for: SECURITY\)/g, (link, feature: string) =>
    SUBGRAPH_ENFORCED_FEATURES.includes(feature) ? link.replace(', for: SECURITY', '') : link,
  );
}

export function loadSupergraph(file: URL = new URL('../schema/supergraph.graphql', import.meta.url)): string {
  return gatewayView(readFileSync(file, 'utf8'));
}
