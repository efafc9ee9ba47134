import { ensureWebBundle } from '../web/build.ts';

/** Builds the pages' bundle once for the run, rather than in each test worker that boots a gateway. */
export default async function setup(): Promise<void> {
  await ensureWebBundle();
}
