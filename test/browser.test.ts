import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * Every page in headless Chromium (Debian's, driven by playwright-core; CI installs it with
 * scripts/install-test-services.sh, elsewhere these tests are skipped visibly): a real render,
 * real queries through the gateway, no console errors, no request leaving the machine, and a
 * screenshot of each page in test-output/ for a person reviewing the change.
 */

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const SCREENSHOTS = join(import.meta.dirname, '..', 'test-output');

let system: TestSystem;
let browser: Browser;
let origin: string;

/** A page that fails the test on any console error and refuses (and records) every request that would leave this machine. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.origin === origin) return route.continue();
    problems.push(`request leaving the machine: ${url.href}`);
    return route.abort();
  });
  return { page, problems };
}

/**
 * The whole page, or only what the window shows for a page as tall as the catalogue (some
 * 37,000 px): Chromium takes seven seconds to capture all of that on an idle machine, more
 * than the test's whole budget on a busy one, and the top is what a reviewer looks at.
 */
async function screenshot(page: Page, name: string, extent: 'full page' | 'window' = 'full page'): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: extent === 'full page' });
}

// In CI it always runs (and fails without chromium); elsewhere it is skipped visibly when chromium is not installed.
// Chromium's renderer shares the two cores with three test workers: a page that takes 4-7 s in a full
// local run takes two to three times that on a busier CI machine, so each test has a minute.
describe.runIf(CHROMIUM || process.env.CI)('the pages in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    system = await startTestSystem();
    origin = new URL(system.gatewayUrl).origin;
    browser = await chromium.launch({ executablePath: CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  /** Chooses an example in the explorer, takes its development token, runs it and waits for `answer` in the result. */
  async function runExample(example: string, answer: string): Promise<Page> {
    const { page, problems } = await openPage();
    await page.goto(`${origin}/explorer`);
    await page.getByLabel('Example operation').selectOption(example);
    await page.getByRole('button', { name: 'Development token for this example' }).click();
    await expect.poll(() => page.getByLabel('Bearer token').inputValue(), { timeout: 10_000 }).toMatch(/^ey/);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText(answer).waitFor();
    expect(problems).toEqual([]);
    return page;
  }

  it('explorer: runs the caseworker\'s whole-citizen example with a development token', async () => {
    await screenshot(await runExample('WholeCitizen', 'Harold Brierley'), 'explorer');
  });

  it('explorer: runs a partner check by its persisted id', async () => {
    await runExample('PrescriptionExemptionCheck', '"eligible"');
  });

  it('catalogue: renders every subgraph', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${origin}/catalogue`);
    for (const name of ['identity', 'awards', 'address', 'bank', 'relationships']) await expect.poll(() => page.locator(`#${name} h2`).textContent(), { timeout: 10_000 }).toBe(name);
    await screenshot(page, 'catalogue', 'window');
    expect(problems).toEqual([]);
  });

  /** The workspace, signed in through the development sign-in as a caseworker with a purpose declared. */
  async function caseworkerWorkspace(): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPage();
    await opened.page.goto(`${origin}/workspace`);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByLabel('Purpose').fill('CASE-2026-0042');
    return opened;
  }

  it('workspace: a caseworker traces a misspelt name, reads the household, opens a relative, and sees a legacy outage as a labelled gap', async () => {
    const { page, problems } = await caseworkerWorkspace();
    await page.getByLabel('Name and date of birth').check();
    await page.getByLabel('Family name').fill('Brearley');
    await page.getByLabel('Given name (optional)').fill('Harold');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('1946');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: /Harold Brierley/ }).click();
    await page.getByRole('heading', { level: 2, name: /Harold Brierley/ }).waitFor();
    const household = page.getByRole('region', { name: 'Household and relationships' });
    await household.getByRole('link', { name: /Margaret Brierley/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Bank account' }).textContent()).toMatch(/\*{4}\d{4}/);
    expect(await page.getByRole('table', { name: 'Events, newest first' }).textContent()).toMatch(/payment made/);
    await screenshot(page, 'workspace-citizen');

    await household.getByRole('link', { name: /Margaret Brierley/ }).click();
    await page.getByRole('heading', { level: 2, name: /Margaret Brierley/ }).waitFor();

    await system.setFaults('pscs', { outage: true });
    try {
      await page.goBack();
      await page.getByRole('heading', { level: 2, name: /Harold Brierley/ }).waitFor();
      for (const part of ['Awards and payments', 'What has happened']) await page.getByRole('region', { name: part }).getByText(/State Pension \(Pension Strategy Computer System\) did not answer/).waitFor();
      await screenshot(page, 'workspace-gap');
    } finally {
      await system.setFaults('pscs', {});
    }
    expect(problems).toEqual([]);
  });

  it('workspace: a restricted record shows as restricted', async () => {
    const { page, problems } = await caseworkerWorkspace();
    await page.getByRole('textbox', { name: 'National Insurance number' }).fill('SC 40 00 62 D');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('region', { name: 'Restricted record' }).waitFor();
    expect(await page.getByRole('region', { name: 'Contact details' }).textContent()).toContain('Withheld: restricted record');
    await screenshot(page, 'workspace-restricted');
    expect(problems).toEqual([]);
  });
});
