import { sign, verify, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalJson } from './chain.ts';
import type { CheckpointSigningKey } from './signing-key.ts';
import { keyIdOf } from './signing-key.ts';

/**
 * Signed checkpoints of the audit chains, kept outside the database (Certificate Transparency's
 * signed tree heads are the model): each is one JSON line
 *   {"version":1,"writerId":"gateway@host","seq":120,"hash":"<hex>","at":"<ISO time>","keyId":"<hex>","signature":"<base64url>"}
 * stating, under the writer's Ed25519 key, that its chain had reached `seq` with `hash` at `at`.
 * Every writer appends to the same file: each line is one write(2) to a file opened with
 * O_APPEND, which Linux applies atomically at the end of the file, so lines never interleave.
 */
export interface Checkpoint {
  readonly writerId: string;
  readonly seq: number;
  readonly hash: string;
  readonly at: Date;
}

/** Separates checkpoint signatures from anything else the key might ever sign. */
const SIGNED_PREFIX = 'citizen-graph audit checkpoint v1\n';
const VERSION = 1;

export function checkpointLine(checkpoint: Checkpoint, key: CheckpointSigningKey): string {
  const body = { version: VERSION, writerId: checkpoint.writerId, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at.toISOString(), keyId: key.keyId };
  const signature = sign(null, Buffer.from(SIGNED_PREFIX + canonicalJson(body)), key.privateKey).toString('base64url');
  return `${JSON.stringify({ ...body, signature })}\n`;
}

/** Appends one line and waits until it is on disk. Opened per write, so a moved or deleted file is recreated rather than written into the void. */
export async function appendCheckpointLine(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a', 0o600);
  try {
    const bytes = Buffer.from(line);
    const { bytesWritten } = await handle.write(bytes);
    if (bytesWritten !== bytes.length) throw new Error(`Checkpoint line written short (${bytesWritten} of ${bytes.length} bytes)`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export type CheckpointLine = { readonly line: number; readonly checkpoint: Checkpoint } | { readonly line: number; readonly writerId?: string; readonly problem: string };

/** Every line of the file, each either a checkpoint whose signature holds under `publicKey` or the reason it is not one. Undefined when the file does not exist. */
export async function readCheckpointFile(path: string, publicKey: KeyObject): Promise<CheckpointLine[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const expectedKeyId = keyIdOf(publicKey);
  return text
    .split('\n')
    .map((content, index) => ({ content, line: index + 1 }))
    .filter(({ content }) => content.trim() !== '')
    .map(({ content, line }) => parseLine(content, line, publicKey, expectedKeyId));
}

function parseLine(content: string, line: number, publicKey: KeyObject, expectedKeyId: string): CheckpointLine {
  let value: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { line, problem: 'not a checkpoint (not a JSON object)' };
    value = parsed as Record<string, unknown>;
  } catch {
    return { line, problem: 'not a checkpoint (not JSON: a torn or edited line)' };
  }
  const { version, writerId, seq, hash, at, keyId, signature } = value;
  const named = typeof writerId === 'string' ? { writerId } : {};
  if (
    version !== VERSION || typeof writerId !== 'string' || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 ||
    typeof hash !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof keyId !== 'string' || typeof signature !== 'string'
  ) {
    return { line, ...named, problem: 'not a checkpoint (fields missing or malformed)' };
  }
  if (keyId !== expectedKeyId) return { line, ...named, problem: `checkpoint signed by another key (key id ${keyId}, expected ${expectedKeyId})` };
  const body = canonicalJson({ version, writerId, seq, hash, at, keyId });
  if (!signatureHolds(Buffer.from(SIGNED_PREFIX + body), publicKey, signature)) {
    return { line, ...named, problem: 'checkpoint signature does not verify (line forged or altered)' };
  }
  return { line, checkpoint: { writerId, seq, hash, at: new Date(at) } };
}

function signatureHolds(data: Buffer, publicKey: KeyObject, signature: string): boolean {
  try {
    return verify(null, data, publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    // A signature of the wrong length throws rather than returning false.
    return false;
  }
}
