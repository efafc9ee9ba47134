import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PAGES, pageShell } from './pages.ts';

/**
 * Bundles the browser pages (the explorer and the agent workspace) with esbuild: every script,
 * style sheet and font the pages use ends up in one folder the gateway serves, so a page loads
 * nothing from outside this machine. Built when the gateway starts and finds the bundle missing
 * or stale (or by `npm run build:web`), never while answering a request.
 *
 * Each build lands in `web/dist/<stamp>/`, the stamp a hash of every input (this folder's
 * sources and the lock file): a bundle is fresh when its stamp's folder exists, and processes
 * starting together (cluster workers, test files) build into a private folder and rename it
 * into place, so none ever serves a half-written bundle.
 */

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT_DIR = join(WEB_DIR, '..');
const DIST_DIR = join(WEB_DIR, 'dist');


export interface WebBundle {
  /** The folder holding `<page>.js`, `<page>.css` and `<page>.html` for each page. */
  readonly dir: string;
  readonly stamp: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === DIST_DIR) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.test.ts') || name.endsWith('.test.tsx') ? [] : [path];
  });
}

/** A hash of what the bundle is made from: the page sources and the exact dependency versions. */
export function bundleStamp(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(WEB_DIR), join(ROOT_DIR, 'package-lock.json')].sort()) {
    hash.update(relative(ROOT_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds every page into `dir`. */
async function bundleInto(dir: string): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(PAGES.map((page) => [page, join(WEB_DIR, page, 'main.tsx')])),
    outdir: dir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    // Fonts and images inline as data: URLs, so the style sheets name no other file.
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.png': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  for (const page of PAGES) writeFileSync(join(dir, `${page}.html`), pageShell(page));
}

/** Returns a bundle of the current sources, building it first if it is missing or stale. */
export async function ensureWebBundle(): Promise<WebBundle> {
  const stamp = bundleStamp();
  const dir = join(DIST_DIR, stamp);
  if (existsSync(dir)) return { dir, stamp };
  mkdirSync(DIST_DIR, { recursive: true });
  const scratch = join(DIST_DIR, `.building-${process.pid}-${Date.now()}`);
  try {
    await bundleInto(scratch);
    try {
      renameSync(scratch, dir);
    } catch (error) {
      // Another process finished the same build first: theirs is identical.
      if (!existsSync(dir)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const old of readdirSync(DIST_DIR)) {
    if (old !== stamp && !old.startsWith('.building-')) rmSync(join(DIST_DIR, old), { recursive: true, force: true });
  }
  return { dir, stamp };
}
