import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose-supergraph.ts';

// `npm run compose`: rewrite schema/supergraph.graphql from the subgraphs' SDL.
writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
console.log(`wrote ${SUPERGRAPH_FILE.pathname}`);
