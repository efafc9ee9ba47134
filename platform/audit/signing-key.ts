import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readOrCreateSecretFile } from '../secrets/index.ts';

/**
 * The Ed25519 key pair that signs the audit's checkpoints. The private key lives in a file the
 * database never sees (made on first use in development, mode 0600, like the other development
 * secrets; mounted from a secret store in production); a verifier needs only the public key.
 */
export interface CheckpointSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

/** Reads the private key from `path`; makes it first when `create` is set (development) and the file does not exist. */
export async function loadSigningKey(path: string, options: { readonly create: boolean }): Promise<CheckpointSigningKey> {
  const pem = options.create
    ? await readOrCreateSecretFile(path, () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())
    : await readFile(path, 'utf8');
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`The audit signing key in ${path} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Writes the public key where verifiers read it, atomically, and only when it changed. */
export async function publishVerifyKey(path: string, key: CheckpointSigningKey): Promise<void> {
  const pem = publicKeyPem(key.publicKey);
  if ((await readFile(path, 'utf8').catch(() => undefined)) === pem) return;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, pem, { mode: 0o644 });
  await rename(temporary, path);
}

/** The verifier's public key: given inline (PEM, or its base64 body on one line) or read from a file. */
export async function loadVerifyKey(source: { readonly key?: string; readonly file: string }): Promise<KeyObject> {
  const text = source.key ?? (await readPublishedKey(source.file));
  const key = text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The audit verify key is not an Ed25519 public key');
  return key;
}

async function readPublishedKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`no public key for the audit checkpoints at ${file} (set AUDIT_VERIFY_KEY, or AUDIT_VERIFY_KEY_FILE)`, { cause: error });
  }
}

/** Names a key in each checkpoint, so a checkpoint signed by another key says so instead of just failing. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}
