/** `npm run build:web`: bundles the explorer and the agent workspace now (the gateway otherwise does it on first start). */
import { ensureWebBundle } from '../web/build.ts';

const bundle = await ensureWebBundle();
console.log(`web bundle ${bundle.stamp} in ${bundle.dir}`);
