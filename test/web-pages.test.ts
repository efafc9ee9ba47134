import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { loadConfig, SUBGRAPH_NAMES } from '../platform/config/index.ts';
import { startRouteServer, type RunningServer } from '../platform/http/index.ts';
import { webPageRoutes, type WebPageOptions } from '../gateway/web-pages.ts';
import { buildCatalogue, subgraphSources, type Catalogue } from '../schema/catalogue/catalogue.ts';
import { renderCataloguePage } from '../schema/catalogue/catalogue-page.ts';
import { accessibilityViolations } from './accessibility.ts';
import { temporaryDirectory } from './temporary-directory.ts';

/** The gateway's page routes on a server of their own, configured by `env`. */
async function pages(env: Record<string, string>, options: WebPageOptions = {}): Promise<RunningServer> {
  return startRouteServer(await webPageRoutes(loadConfig(env), options), { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1_000 });
}

async function get(url: string): Promise<{ status: number; text: string; type: string }> {
  const response = await request(url);
  return { status: response.statusCode, text: await response.body.text(), type: String(response.headers['content-type']) };
}

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_ISSUER: 'https://login.example.test/',
  AUTH_JWKS_URL: 'https://login.example.test/.well-known/jwks.json',
  INTERNAL_TOKEN_SECRET: 'a production secret of at least thirty-two characters',
  AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit-signing-key.pem',
  NOTIFY_API_KEY: 'citizen_graph_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0',
};

describe('the catalogue', () => {
  it('serve the catalogue as JSON and as a page naming every subgraph, its owner and contact', async () => {
    await using server = await pages({});
    const json = await get(`${server.url}/catalogue.json`);
    expect(json.type).toMatch(/^application\/json/);
    const catalogue = JSON.parse(json.text) as Catalogue;
    expect(catalogue.subgraphs.map((subgraph) => subgraph.name)).toEqual([...SUBGRAPH_NAMES]);
    const page = await get(`${server.url}/catalogue`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    for (const subgraph of catalogue.subgraphs) {
      expect(page.text).toContain(`id="${subgraph.name}"`);
      expect(page.text).toContain(subgraph.owner.contact);
    }
    expect(page.text).toContain('scope check:prescription-exemption');
    // Links only to this origin and to mail: nothing a browser would fetch from elsewhere.
    expect([...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]!).filter((url) => !/^(#|\/|mailto:)/.test(url))).toEqual([]);
  });

  it('are accessible: the page breaks no WCAG 2.2 A or AA rule that axe-core can check', async () => {
    // One subgraph's worth of the same markup: axe over the whole page takes jsdom most of a minute.
    const page = renderCataloguePage(buildCatalogue({ subgraphs: subgraphSources().filter((source) => source.name === 'bank') }));
    expect(page).toContain('<table');
    expect(page).toContain('<details');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('escape what they show, so SDL descriptions cannot inject markup', async () => {
    await using server = await pages({});
    const page = await get(`${server.url}/catalogue`);
    // The SDL's descriptions hold `<`-free text, but the examples hold GraphQL with quotes and braces.
    expect(page.text).toContain('citizen(nino: &quot;SC100021A&quot;)');
  });

  it('answer 503 naming what is missing when a subgraph has no metadata, and the other pages are still served', async () => {
    const withoutMetadata = { ...subgraphSources()[0]!, name: 'changes', folder: pathToFileURL(`${temporaryDirectory('no-catalogue')}/`) };
    await using server = await pages({}, { catalogue: { subgraphs: [...subgraphSources(), withoutMetadata] } });
    const answer = await get(`${server.url}/catalogue.json`);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).problems).toEqual([expect.stringMatching(/^changes: no catalogue\.json/)]);
    expect((await get(`${server.url}/workspace`)).status).toBe(200);
  });

  it('are off in production unless CATALOGUE_ENABLED says so', async () => {
    await using closed = await pages(PRODUCTION);
    expect((await get(`${closed.url}/catalogue`)).status).toBe(404);
    expect((await get(`${closed.url}/catalogue.json`)).status).toBe(404);
    await using open = await pages({ ...PRODUCTION, CATALOGUE_ENABLED: 'true' });
    expect((await get(`${open.url}/catalogue.json`)).status).toBe(200);
  });
});

describe('the explorer in production', () => {
  it('answers 404 unless EXPLORER_ENABLED is set, and serves it when it is', async () => {
    await using closed = await pages(PRODUCTION);
    expect((await get(`${closed.url}/explorer`)).status).toBe(404);
    expect((await get(`${closed.url}/web/explorer.js`)).status).toBe(404);
    await using open = await pages({ ...PRODUCTION, EXPLORER_ENABLED: 'true' });
    expect((await get(`${open.url}/explorer`)).status).toBe(200);
    expect((await get(`${open.url}/web/explorer.js`)).status).toBe(200);
  });

  it('tells its pages there is no development sign-in', async () => {
    await using server = await pages({ ...PRODUCTION, EXPLORER_ENABLED: 'true' });
    expect(JSON.parse((await get(`${server.url}/web/settings.json`)).text)).toEqual({ devSignIn: false });
  });
});
