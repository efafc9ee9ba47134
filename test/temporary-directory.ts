import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A fresh `citizen-graph-<purpose>-*` folder under the system's temporary directory, removed
 * with everything in it when the test that made it finishes, whatever the outcome: a system's
 * data folder holds an embedded PostgreSQL server of tens of megabytes, and a suite that left
 * them behind would fill the disk of whoever runs it often.
 */
export function temporaryDirectory(purpose: string): string {
  const path = mkdtempSync(join(tmpdir(), `citizen-graph-${purpose}-`));
  onTestFinished(() => rmSync(path, { recursive: true, force: true }));
  return path;
}
