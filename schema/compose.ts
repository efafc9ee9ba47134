import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose-supergraph.ts';
import { MANIFEST_JSON } from './persisted-manifest.ts';
import { MANIFEST_FILE } from '../gateway/persisted-operations.ts';

// `npm run compose`: rewrite schema/supergraph.graphql from the subgraphs' SDL, and the
// persisted-operation manifest from schema/operations/.
writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
writeFileSync(MANIFEST_FILE, MANIFEST_JSON());
console.log(`wrote ${SUPERGRAPH_FILE.pathname} and ${MANIFEST_FILE.pathname}`);
