import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleOperation } from '../schema/examples.ts';
import { startTestSystem, type TestSystem } from './harness.ts';
import { CITIZEN_EVENTS, CITIZEN_VIEW, citizenViewVariables, TRACE } from '../web/workspace/queries.ts';
import { restrictedPartsFor, sessionFromToken } from '../web/shared/session.ts';
import { gapsFrom } from '../web/workspace/gaps.ts';
import { persistedIdsOf, withPersistedId } from '../web/explorer/persisted.ts';
import { SHOWCASE } from '../legacy-estate/index.ts';

/**
 * The pages as the gateway serves them. The explorer as an analyst meets it: one page whose every script, style sheet and font comes
 * from the gateway, and the example operations for each kind of user, each run with the token
 * the explorer's development sign-in mints for it. The workspace and its bundle, and the
 * operations it sends, answered by the real API.
 */

/**
 * Absolute URLs the bundle may contain, none of them ever requested: XML namespace names
 * (identifiers, not addresses), and the text of error messages, schema descriptions and the
 * links GraphiQL shows (followed only if a person clicks them). A URL outside this list, say a
 * CDN, fails the test.
 */
const NEVER_FETCHED = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/XML/1998/namespace',
  'http://www.w3.org/1998/Math/MathML',
  'https://react.dev/errors/',
  'https://yarnpkg.com/en/docs/selective-version-resolutions',
  'https://github.com/graphql/graphiql',
  'https://en.wikipedia.org/wiki/IEEE_floating_point',
  'https://commonmark.org/',
  'https://codemirror.net/5/doc/manual.html',
]);

const absoluteUrls = (text: string) => [...text.matchAll(/(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)\\<>#]*/gi)].map((match) => match[0]);

/**
 * The page at `path` is served under a policy that allows only this origin, names no URL, and
 * loads just its own style sheet and script, each served and naming no URL outside NEVER_FETCHED.
 */
async function expectSelfContained(path: string, page: string): Promise<void> {
  const html = await system.send(`${origin}${path}`);
  expect(html.status).toBe(200);
  expect(html.headers['content-type']).toMatch(/^text\/html/);
  expect(html.headers['content-security-policy']).toContain("default-src 'self'");
  expect(html.headers['content-security-policy']).toContain("connect-src 'self'");
  expect(absoluteUrls(html.text)).toEqual([]);
  const assets = [...html.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  // The icon is an empty data: URL, so the browser asks for no favicon.ico (a 404 it would log).
  expect(assets).toEqual(['data:,', `/web/${page}.css`, `/web/${page}.js`]);
  for (const asset of assets.slice(1)) {
    const served = await system.send(`${origin}${asset}`);
    expect(served.status, asset).toBe(200);
    expect(served.text.length, asset).toBeGreaterThan(1_000);
    expect(absoluteUrls(served.text).filter((url) => !NEVER_FETCHED.has(url)), asset).toEqual([]);
  }
}

let system: TestSystem;
let origin: string;
/** A caseworker's headers, as `system.graphql` sends by default. */
let caseworker: Record<string, string>;
beforeAll(async () => {
  system = await startTestSystem();
  origin = new URL(system.gatewayUrl).origin;
  caseworker = await system.as({ role: 'agent' }, 'CASE-2026-0042');
});
afterAll(() => system?.close());

describe('the explorer', () => {
  it('is served at /explorer with scripts and styles from this origin only, under a policy that allows nothing else', async () => {
    await expectSelfContained('/explorer', 'explorer');
    const style = (await system.send(`${origin}/web/explorer.css`)).text;
    // Fonts and images are inlined, so the style sheet names no other file at all.
    expect([...style.matchAll(/url\(\s*["']?([^"')]+)/g)].map((match) => match[1]!).filter((url) => !url.startsWith('data:'))).toEqual([]);
    expect(style).not.toContain('@import');
  });

  it('bundles GraphiQL itself, and the API no longer offers Apollo Sandbox from a CDN', async () => {
    expect((await system.send(`${origin}/web/explorer.js`)).text).toContain('graphiql-container');
    const landing = await system.send(system.gatewayUrl, { headers: { accept: 'text/html', ...(await system.as({ role: 'analyst' })) } });
    expect(landing.text).not.toMatch(/sandbox|apollographql\.com|cdn/i);
  });

  it('offers examples for every kind of user: single view, caseload, trace, partner checks, a citizen\'s own record and access history', async () => {
    const examples = (await system.send(`${origin}/explorer/examples.json`)).body as unknown as ExampleOperation[];
    const byAudience = (audience: string) => examples.filter((example) => example.audience === audience).map((example) => example.name);
    expect(byAudience('agent')).toEqual(expect.arrayContaining(['WholeCitizen', 'Caseload', 'Trace']));
    expect(byAudience('partner')).toEqual(expect.arrayContaining(['PrescriptionExemptionCheck', 'FreeSchoolMealsCheck', 'HealthyStartCheck']));
    expect(byAudience('citizen')).toEqual(['Me', 'MyTimeline', 'Move', 'MyChanges']);
    expect(examples.find((example) => example.name === 'Me')!.document).toContain('accessHistory');
    expect(byAudience('auditor')).toEqual(['WhoLooked']);
  });

  it('runs every example with the token its development sign-in mints, as the explorer sends it', async () => {
    await system.graphql('query Seed { citizen(nino: "SC100021A") { nino } }');
    const examples = (await system.send(`${origin}/explorer/examples.json`)).body as unknown as ExampleOperation[];
    const persistedIds = persistedIdsOf(examples);
    for (const example of examples) {
      const signIn = await system.post(`${origin}/dev-issuer/token`, JSON.stringify(example.caller));
      expect(signIn.status, example.name).toBe(200);
      const token = (signIn.body as unknown as { token: string }).token;
      const request = withPersistedId({ query: example.document, variables: example.variables ?? {} }, persistedIds);
      expect(request.extensions !== undefined, example.name).toBe(example.persistedId !== undefined);
      const result = await system.post(system.gatewayUrl, JSON.stringify(request), { authorization: `Bearer ${token}`, ...(example.purpose ? { 'x-purpose': example.purpose } : {}) });
      expect(result.body.errors, example.name).toBeUndefined();
      expect(Object.values(result.body.data ?? {}).every((value) => value !== null), example.name).toBe(true);
    }
  });

  it('refuses a development sign-in for a token the issuer would not mint', async () => {
    const refused = await system.post(`${origin}/dev-issuer/token`, JSON.stringify({ role: 'citizen' }));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('needs --nino');
    expect((await system.send(`${origin}/dev-issuer/token`, { method: 'POST', body: 'role=agent', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });
});

/** CITIZEN_VIEW's variables as the workspace sends them for the caller whose token these headers carry. */
const viewVariables = (nino: string, headers: Record<string, string>) => citizenViewVariables(nino, restrictedPartsFor(sessionFromToken(headers.authorization!.replace(/^Bearer /, ''))));

describe('the workspace', () => {
  it('is served at /workspace with its bundle from this origin only, under the same policy', async () => {
    await expectSelfContained('/workspace', 'workspace');
    expect((await system.send(`${origin}/web/workspace.js`)).text).toContain('WorkspaceCitizen');
  });

  it('sends a whole-citizen query the API answers in full for a household, with their timeline, changes and reviews', async () => {
    const result = await system.graphql(CITIZEN_VIEW, viewVariables(SHOWCASE.pensionerCouple.nino, caseworker), caseworker);
    expect(result.body.errors).toBeUndefined();
    const citizen = result.body.data!.citizen;
    expect(citizen.awards.length).toBeGreaterThan(0);
    expect(citizen.bankAccount.masked).toBe(true);
    expect(citizen.relationships.map((relative: { citizen: { nino: string } }) => relative.citizen.nino)).toContain('SC100042B');
    expect(citizen.events.edges.map((edge: { node: { kind: string } }) => edge.node.kind)).toEqual(expect.arrayContaining(['AWARD_STARTED', 'PAYMENT_MADE']));
    expect(citizen.changes).toEqual(expect.any(Array));
    expect(citizen.reviewTasks).toEqual(expect.any(Array));
    expect(citizen.accessHistory).toBeUndefined();

    const older = await system.graphql(CITIZEN_EVENTS, { nino: SHOWCASE.pensionerCouple.nino, after: citizen.events.pageInfo.endCursor }, caseworker);
    expect(older.body.errors).toBeUndefined();
    expect(older.body.data!.citizen.events.edges).toEqual(expect.any(Array));
  });

  it('asks a citizen only for what they may read of their own record: no refusal shows as a gap', async () => {
    const nino = SHOWCASE.pipClaimant.nino;
    const headers = await system.as({ role: 'citizen', nino });
    const result = await system.graphql(CITIZEN_VIEW, viewVariables(nino, headers), headers);
    expect(result.body.errors).toBeUndefined();
    const citizen = result.body.data!.citizen;
    expect(citizen.events.edges.length).toBeGreaterThan(0);
    expect(citizen.accessHistory.accesses).toEqual(expect.any(Array));
    expect(citizen.reviewTasks).toBeUndefined();
  });

  it('traces a misspelt name with the query it sends', async () => {
    const result = await system.graphql(TRACE, { familyName: 'Brearley', givenName: 'Harold', dateOfBirth: '1946-03-12' });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.traceCitizen.matches[0].citizen.nino).toBe(SHOWCASE.pensionerCouple.nino);
  });

  it('reads a real legacy outage as a gap labelled with the system that failed', async () => {
    await system.setFaults('pscs', { outage: true });
    try {
      const result = await system.graphql(CITIZEN_VIEW, viewVariables(SHOWCASE.pensionerCouple.nino, caseworker), caseworker);
      expect(result.body.data!.citizen.name).not.toBeNull();
      const gaps = gapsFrom(result.body.errors);
      for (const part of ['awards', 'events']) expect(gaps.find((gap) => gap.path[1] === part), part).toMatchObject({ code: 'LEGACY_UNAVAILABLE', source: 'State Pension (Pension Strategy Computer System)', reason: 'did not answer' });
    } finally {
      await system.setFaults('pscs', {});
    }
  });

  it('shows a restricted record as restricted through the same query', async () => {
    const result = await system.graphql(CITIZEN_VIEW, viewVariables(SHOWCASE.restrictedRecord.nino, caseworker), caseworker);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.citizen).toMatchObject({ restricted: true, contact: null, currentAddress: null });
  });
});
