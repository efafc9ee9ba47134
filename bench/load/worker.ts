import { generateLoad, type LoadJob } from './generate.ts';

/**
 * The load generator's own process (forked by load-generator.ts), so the requests it makes
 * and the answers it checks cost none of the CPU measured in the system under test.
 */
process.on('message', (job: LoadJob) => {
  generateLoad(job).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }),
  );
});
// The benchmark is gone (killed outright): nobody will ask for results, so stop sending load.
process.on('disconnect', () => process.exit(0));
