import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import type { CheckpointAnchors } from './checkpoint-verify.ts';
import type { CheckpointOptions } from './checkpointer.ts';
import { loadSigningKey, loadVerifyKey, publishVerifyKey } from './signing-key.ts';

type CheckpointSettings = Config['audit']['checkpoints'];

/** What a writer needs to sign checkpoints: loads (in development, first makes) the signing key and publishes its public key for verifiers. */
export async function checkpointWriting(settings: CheckpointSettings, logger: Logger): Promise<CheckpointOptions> {
  const signingKey = await loadSigningKey(settings.signingKeyFile, { create: settings.createSigningKey });
  await publishVerifyKey(settings.verifyKeyFile, signingKey);
  return {
    file: settings.file,
    signingKey,
    everyEntries: settings.everyEntries,
    intervalMs: settings.intervalMs,
    maxUncoveredEntries: settings.maxUncoveredEntries,
    logger,
  };
}

/** What a verifier needs: the checkpoint file and the public key only (AUDIT_VERIFY_KEY, else the published file). */
export async function checkpointVerifying(settings: CheckpointSettings): Promise<CheckpointAnchors> {
  const publicKey = await loadVerifyKey({ ...(settings.verifyKey !== undefined ? { key: settings.verifyKey } : {}), file: settings.verifyKeyFile });
  return { file: settings.file, publicKey };
}
