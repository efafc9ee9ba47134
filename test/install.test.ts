import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** `node_modules/a/node_modules/@b/c` -> `@b/c`. */
const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('npm install', () => {
  it('decides explicitly, in allowScripts, about every dependency install script (npm warns about any it is not told about)', () => {
    const withScripts = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && entry.hasInstallScript).map(([path]) => packageName(path));
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = new Set(Object.keys(manifest.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@.*$/, '')));
    expect(withScripts.filter((name) => !decided.has(name))).toEqual([]);
  });

  it('says in the README why npm warns EBADENGINE on an older Node, and why install scripts are allowed or refused', () => {
    const readme = read('README.md');
    // One sentence: the warning, who gives it, and why it does not matter.
    expect(readme).toMatch(/EBADENGINE[^.]*harmless/);
    for (const name of Object.keys(manifest.allowScripts ?? {})) expect(readme).toContain(`\`${name}\``);
  });
});
