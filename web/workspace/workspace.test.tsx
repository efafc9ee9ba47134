// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { graphql, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import { AXE_OPTIONS, describeViolations } from '../../test/accessibility.ts';
import { pageShell } from '../pages.ts';
import type { Change, CitizenEvent, CitizenRecord, EventPage } from './queries.ts';
import { Workspace } from './workspace.tsx';

/**
 * The workspace as a caseworker uses it, in a DOM, against the GraphQL API answered by request
 * handlers: what it sends (operation, variables, token, purpose) and what it shows for each
 * answer, a failed legacy system and a restricted record among them. Every state is checked
 * with axe-core inside the page's real HTML shell.
 */

/** The page's own shell (title, language, landmarks' container), as the gateway serves it, without its script. */
function loadShell(): void {
  const shell = new DOMParser().parseFromString(pageShell('workspace'), 'text/html');
  shell.querySelector('script')!.remove();
  document.documentElement.lang = shell.documentElement.lang;
  document.head.innerHTML = shell.head.innerHTML;
  document.body.innerHTML = shell.body.innerHTML;
}

/** axe-core over the page as it stands, in this DOM. */
async function expectAccessible(): Promise<void> {
  const results = await axe.run(document, AXE_OPTIONS);
  expect(describeViolations(results.violations)).toEqual([]);
}

/** A token as the issuer would shape it; the workspace reads its claims only to lay itself out. */
function tokenFor(claims: Record<string, string>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part(claims)}.signature`;
}
const AGENT_TOKEN = tokenFor({ role: 'agent', scope: 'citizen:read' });

const HAROLD: CitizenRecord = {
  nino: 'SC100021A',
  name: { fullName: 'Harold Brierley' },
  dateOfBirth: '1946-03-12',
  dateOfDeath: null,
  deceased: false,
  sex: 'MALE',
  preferredLanguage: 'ENGLISH',
  restricted: false,
  contact: { phone: '0113 496 0000', mobile: null, email: 'harold@example.com' },
  currentAddress: { lines: ['14 Harehills Lane'], postTown: 'LEEDS', postcode: 'LS8 6UB' },
  correspondenceAddress: null,
  addressHistory: [{ type: 'RESIDENTIAL', from: '1990-04-01', to: null, address: { lines: ['14 Harehills Lane'], postTown: 'LEEDS', postcode: 'LS8 6UB' } }],
  awards: [
    {
      benefit: 'STATE_PENSION',
      status: 'LIVE',
      startDate: '2011-03-12',
      endDate: null,
      paymentFrequency: 'FOUR_WEEKLY',
      amount: '676.80',
      components: [{ kind: 'BASIC_STATE_PENSION', rate: null, weeklyAmount: '169.20', monthlyAmount: null }],
      nextPayment: { date: '2026-12-07', amount: '676.80' },
      recentPayments: [{ date: '2026-11-09', amount: '676.80' }],
    },
  ],
  bankAccount: { sortCode: '20-00-00', accountNumber: '****5678', masked: true, accountHolderName: 'H BRIERLEY', accountType: 'BANK', rollNumber: null },
  relationships: [{ type: 'PARTNER', from: '1970-06-20', to: null, citizen: { nino: 'SC100042B', name: { fullName: 'Margaret Brierley' }, dateOfBirth: '1948-07-02', deceased: false, awards: [{ benefit: 'ATTENDANCE_ALLOWANCE', status: 'LIVE' }] } }],
  events: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
  changes: [],
  reviewTasks: [],
};

const event = (occurredAt: string, summary: string, system: string | null, amount: string | null = null): CitizenEvent => ({ kind: 'PAYMENT_MADE', occurredAt, system, summary, benefit: null, amount, changeId: null });
const edge = (node: CitizenEvent) => ({ cursor: `after-${node.occurredAt}`, node });
/** The error the API puts at a timeline's null edge when a system's history could not be read. */
const historyGap = (index: number) => ({ message: 'The pscs system did not answer.', path: ['citizen', 'events', 'edges', index], extensions: { code: 'LEGACY_UNAVAILABLE', system: 'pscs', requestId: 'req-2' } });

/** Harold's timeline in two pages, the State Pension system's history missing from both. */
const NEWEST_EVENTS: EventPage = {
  edges: [edge(event('2026-11-30T09:00:00Z', 'Address change delivered to CIS', 'cis')), edge(event('2026-11-09', 'PC payment made', 'cis', '218.15')), null],
  pageInfo: { hasNextPage: true, endCursor: 'after-2026-11-09' },
};
const OLDER_EVENTS: EventPage = { edges: [edge(event('2011-03-12', 'PC award started', 'cis')), null], pageInfo: { hasNextPage: false, endCursor: 'after-2011-03-12' } };

const MOVE_IN_PROGRESS: Change = {
  id: 'change-1',
  kind: 'ADDRESS',
  status: 'IN_PROGRESS',
  reportedAt: '2026-11-30T08:55:00Z',
  effectiveDate: '2026-12-01',
  deliveries: [
    { system: 'cis', status: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: '2026-11-30T09:00:00Z' },
    { system: 'pscs', status: 'PENDING', attempts: 3, lastError: { system: 'pscs', code: 'LEGACY_UNAVAILABLE' }, deliveredAt: null },
    { system: 'uc', status: 'NOT_NEEDED', attempts: 0, lastError: null, deliveredAt: null },
  ],
  confirmation: { channel: 'EMAIL', sentAt: '2026-11-30T09:00:02Z' },
};
const CONTACT_COMPLETED: Change = { id: 'change-0', kind: 'CONTACT', status: 'COMPLETED', reportedAt: '2026-10-01T10:00:00Z', effectiveDate: '2026-10-01', deliveries: [{ system: 'cis', status: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: '2026-10-01T10:00:05Z' }], confirmation: null };

const MARGARET: CitizenRecord = { ...HAROLD, nino: 'SC100042B', name: { fullName: 'Margaret Brierley' }, relationships: [] };

interface Sent {
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  readonly authorization: string | null;
  readonly purpose: string | null;
}
let sent: Sent[] = [];
/** What the API answers for the citizen asked for, by NINO. */
let answers: Record<string, { data: unknown; errors?: unknown[] }> = {};

const server = setupServer(
  http.get('*/web/settings.json', () => HttpResponse.json({ devSignIn: true })),
  http.post('*/dev-issuer/token', async ({ request }) => {
    const caller = (await request.json()) as Record<string, unknown>;
    return HttpResponse.json({ token: tokenFor({ role: String(caller.role), scope: 'citizen:read', ...(caller.nino ? { nino: String(caller.nino) } : {}) }) });
  }),
  graphql.query('WorkspaceCitizen', ({ variables, operationName, request }) => {
    sent.push({ operationName, variables, authorization: request.headers.get('authorization'), purpose: request.headers.get('x-purpose') });
    const answer = answers[String(variables.nino)] ?? { data: { citizen: null }, errors: [{ message: 'No citizen has this National Insurance number.', path: ['citizen'], extensions: { code: 'CITIZEN_NOT_FOUND' } }] };
    return HttpResponse.json(answer as never);
  }),
  graphql.query('WorkspaceEvents', ({ variables, operationName, request }) => {
    sent.push({ operationName, variables, authorization: request.headers.get('authorization'), purpose: request.headers.get('x-purpose') });
    return HttpResponse.json({ data: { citizen: { nino: variables.nino, events: OLDER_EVENTS } }, errors: [historyGap(1)] } as never);
  }),
  graphql.query('WorkspaceTrace', ({ variables, operationName, request }) => {
    sent.push({ operationName, variables, authorization: request.headers.get('authorization'), purpose: request.headers.get('x-purpose') });
    return HttpResponse.json({ data: { traceCitizen: { matches: [{ score: 0.93, matchedOn: ['soundex', 'dateOfBirth'], citizen: { nino: 'SC100021A', name: { fullName: 'Harold Brierley' }, dateOfBirth: '1946-03-12' } }] } } });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  sent = [];
  answers = { SC100021A: { data: { citizen: HAROLD } }, SC100042B: { data: { citizen: MARGARET } } };
  sessionStorage.clear();
  location.hash = '';
  loadShell();
});
afterEach(() => cleanup());

function renderWorkspace() {
  return render(<Workspace />, { container: document.getElementById('workspace')! });
}

/** Signs in with a pasted token and declares a purpose, as a caseworker does first. */
async function signedInAsCaseworker(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await pasteToken(user, AGENT_TOKEN);
  await user.type(await screen.findByLabelText('Purpose'), 'CASE-2026-0042');
}

/** Signs in with a token from elsewhere, once the page knows whether it also offers the development sign-in. */
async function pasteToken(user: ReturnType<typeof userEvent.setup>, token: string): Promise<void> {
  renderWorkspace();
  await user.type(await screen.findByLabelText(/paste a bearer token/i), token);
  await user.click(screen.getByRole('button', { name: 'Use this token' }));
}

async function findByNino(user: ReturnType<typeof userEvent.setup>, nino: string): Promise<void> {
  await user.type(screen.getByRole('textbox', { name: 'National Insurance number' }), nino);
  await user.click(screen.getByRole('button', { name: 'Find' }));
}

describe('the agent workspace', () => {
  it('signs in through the development issuer, and the sign-in page is accessible', async () => {
    const user = userEvent.setup({ delay: null });
    renderWorkspace();
    await screen.findByRole('group', { name: 'Development sign-in' });
    await expectAccessible();
    await user.click(screen.getByLabelText(/See restricted records/));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByLabelText('Purpose')).toBeTruthy();
    expect(screen.getByText(/Signed in as agent/)).toBeTruthy();
    await expectAccessible();
  });

  it('asks for a purpose and a well-formed NINO before sending anything, with an accessible error summary', async () => {
    const user = userEvent.setup({ delay: null });
    await pasteToken(user, AGENT_TOKEN);
    await findByNino(user, 'SC10002');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /case reference/ }).getAttribute('href')).toBe('#purpose');
    expect(within(summary).getByRole('link', { name: /correct format/ }).getAttribute('href')).toBe('#nino');
    expect(document.activeElement).toBe(summary);
    expect(sent).toEqual([]);
    await expectAccessible();
  });

  it('shows the whole citizen and household from one request sent with the token and the purpose', async () => {
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'sc 10 00 21 a');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Harold Brierley' });
    expect(document.activeElement).toBe(heading);
    expect(sent).toEqual([{ operationName: 'WorkspaceCitizen', variables: { nino: 'SC100021A', withAccessHistory: false, withStory: true, withReviews: true }, authorization: `Bearer ${AGENT_TOKEN}`, purpose: 'CASE-2026-0042' }]);
    const awards = screen.getByRole('table', { name: /Awards/ });
    expect(within(awards).getByRole('rowheader', { name: /State Pension/ })).toBeTruthy();
    expect(within(awards).getByText('£676.80 on 7 December 2026')).toBeTruthy();
    expect(within(awards).getByText('£676.80 on 9 November 2026')).toBeTruthy();
    expect(screen.getByText('****5678')).toBeTruthy();
    expect(screen.getByText('14 Harehills Lane', { selector: '.address-line' })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: /related/ })).getByRole('link', { name: 'Margaret Brierley' })).toBeTruthy();
    expect(screen.queryByText('Not available')).toBeNull();
    await expectAccessible();
  });

  it('opens a relative from the household, through a link to their record', async () => {
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC100021A');
    await user.click(await screen.findByRole('link', { name: 'Margaret Brierley' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Margaret Brierley' })).toBeTruthy();
    expect(location.hash).toBe('#citizen=SC100042B');
    expect(sent.map((request) => request.variables.nino)).toEqual(['SC100021A', 'SC100042B']);
  });

  it('labels a failed legacy system as a gap where its part would be, and shows everything else', async () => {
    answers.SC100021A = {
      data: { citizen: { ...HAROLD, awards: [...HAROLD.awards!, null], bankAccount: null } },
      errors: [
        { message: 'The pscs system did not answer; this part of the answer is missing.', path: ['citizen', 'awards', 1], extensions: { code: 'LEGACY_UNAVAILABLE', system: 'pscs', requestId: 'req-1' } },
        { message: 'The payments system was too slow; this part of the answer is missing.', path: ['citizen', 'bankAccount'], extensions: { code: 'LEGACY_TIMEOUT', system: 'payments', requestId: 'req-1' } },
      ],
    };
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC100021A');
    await screen.findByRole('heading', { level: 2, name: 'Harold Brierley' });
    const awards = screen.getByRole('region', { name: 'Awards and payments' });
    expect(within(awards).getByText('Not available')).toBeTruthy();
    expect(within(awards).getByText(/State Pension \(Pension Strategy Computer System\) did not answer/)).toBeTruthy();
    expect(within(awards).getByRole('rowheader', { name: /State Pension/ })).toBeTruthy();
    const bank = screen.getByRole('region', { name: 'Bank account' });
    expect(within(bank).getByText(/Central Payment System was too slow to answer/)).toBeTruthy();
    expect(within(bank).queryByText('No bank account held.')).toBeNull();
    expect(screen.getByRole('region', { name: 'Contact details' }).textContent).not.toContain('Not available');
    await expectAccessible();
  });

  it('shows a restricted record as restricted: withheld details said to be withheld, not empty', async () => {
    answers.SC400062D = { data: { citizen: { ...HAROLD, nino: 'SC400062D', name: { fullName: 'Natalie Fenwick' }, restricted: true, contact: null, currentAddress: null, correspondenceAddress: null, addressHistory: [], relationships: [] } } };
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC400062D');
    const banner = await screen.findByRole('region', { name: 'Restricted record' });
    expect(banner.textContent).toContain('withheld');
    expect(within(screen.getByRole('region', { name: 'Contact details' })).getByText('Withheld: restricted record')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Addresses' })).getByText('Withheld: restricted record')).toBeTruthy();
    await expectAccessible();
  });

  it('traces a citizen by a misspelt name and date of birth, then opens the match', async () => {
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await user.click(screen.getByLabelText('Name and date of birth'));
    await user.type(screen.getByLabelText('Family name'), 'Brearley');
    await user.type(screen.getByLabelText('Given name (optional)'), 'Harold');
    await user.type(screen.getByLabelText('Day'), '12');
    await user.type(screen.getByLabelText('Month'), '3');
    await user.type(screen.getByLabelText('Year'), '1946');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const matches = await screen.findByRole('table', { name: '1 person matches' });
    expect(sent[0]).toEqual({ operationName: 'WorkspaceTrace', variables: { familyName: 'Brearley', givenName: 'Harold', dateOfBirth: '1946-03-12' }, authorization: `Bearer ${AGENT_TOKEN}`, purpose: 'CASE-2026-0042' });
    expect(within(matches).getByText('93% on soundex, dateOfBirth')).toBeTruthy();
    await expectAccessible();
    await user.click(within(matches).getByRole('link', { name: 'Harold Brierley' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Harold Brierley' })).toBeTruthy();
  });

  it('says when nobody holds the NINO, in the error summary linked to the field', async () => {
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC999999A');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /Nobody holds this National Insurance number/ }).getAttribute('href')).toBe('#nino');
    await expectAccessible();
  });

  it('shows what has happened newest first, and the older page on "Show more", a system that could not be read labelled once as a gap', async () => {
    answers.SC100021A = { data: { citizen: { ...HAROLD, events: NEWEST_EVENTS } }, errors: [historyGap(2)] };
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC100021A');
    const timeline = await screen.findByRole('region', { name: 'What has happened' });
    const rows = () => within(within(timeline).getByRole('table', { name: 'Events, newest first' })).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows()).toEqual(['30 November 2026 at 9:00Address change delivered to CISCustomer Information System (CIS)', '9 November 2026PC payment madeCustomer Information System (CIS)£218.15']);
    expect(within(timeline).getByText(/What has happened: State Pension \(Pension Strategy Computer System\) did not answer/)).toBeTruthy();
    await expectAccessible();

    await user.click(within(timeline).getByRole('button', { name: 'Show more of what has happened' }));
    await waitFor(() => expect(rows()).toHaveLength(3), { timeout: 5_000 });
    expect(rows()[2]).toBe('12 March 2011PC award startedCustomer Information System (CIS)');
    expect(sent[1]).toEqual({ operationName: 'WorkspaceEvents', variables: { nino: 'SC100021A', after: 'after-2026-11-09' }, authorization: `Bearer ${AGENT_TOKEN}`, purpose: 'CASE-2026-0042' });
    expect(within(timeline).getAllByText(/State Pension \(Pension Strategy Computer System\) did not answer/)).toHaveLength(1);
    expect(within(timeline).queryByRole('button', { name: /Show more/ })).toBeNull();
    expect(document.activeElement?.textContent).toBe(rows()[2]);
    await expectAccessible();
  });

  it('shows a change in progress with where it stands on each system, one retrying with its last error, and leaves completed ones to the timeline', async () => {
    answers.SC100021A = { data: { citizen: { ...HAROLD, changes: [MOVE_IN_PROGRESS, CONTACT_COMPLETED] } } };
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC100021A');
    const changes = await screen.findByRole('region', { name: 'Changes in progress' });
    expect(within(changes).getAllByRole('heading', { level: 4 }).map((heading) => heading.textContent)).toEqual(['Change of address']);
    const statusOf = (system: string) => within(changes).getByText(system).nextElementSibling!.textContent;
    expect(statusOf('Customer Information System (CIS)')).toBe('Delivered30 November 2026 at 9:00');
    expect(statusOf('State Pension (Pension Strategy Computer System)')).toBe('RetryingLast attempt failed with LEGACY_UNAVAILABLE (3 attempts so far)');
    expect(statusOf('Universal Credit full service')).toBe('Not neededHolds no live award or record for this citizen');
    expect(statusOf('Citizen told')).toBe('By email30 November 2026 at 9:00');
    expect(within(changes).getByText('1 December 2026')).toBeTruthy();
    await expectAccessible();
  });

  it('shows a caseworker the reviews a change to someone else\'s record calls for', async () => {
    answers.SC100042B = { data: { citizen: { ...MARGARET, reviewTasks: [{ id: 'task-1', reason: 'Partner died: review the awards that depend on the couple', createdAt: '2026-11-30T09:01:00Z' }] } } };
    const user = userEvent.setup({ delay: null });
    await signedInAsCaseworker(user);
    await findByNino(user, 'SC100042B');
    const reviews = await screen.findByRole('region', { name: 'Reviews to make' });
    const row = within(within(reviews).getByRole('table', { name: /Reviews of this citizen/ })).getAllByRole('row')[1]!;
    expect(row.textContent).toBe('30 November 2026 at 9:01Partner died: review the awards that depend on the couple');
    expect(within(screen.getByRole('region', { name: 'Changes in progress' })).getByText(/No changes in progress/)).toBeTruthy();
    await expectAccessible();
  });

  it('shows a citizen their own access history, and asks them for no purpose', async () => {
    answers.SC300047C = { data: { citizen: { ...HAROLD, nino: 'SC300047C', name: { fullName: 'Rhys Llewellyn' }, accessHistory: { accesses: [{ organisation: 'DWP', role: 'agent', at: '2026-11-30T10:15:00Z', purpose: 'CASE-2026-0042' }], hasNextPage: false } } } };
    const user = userEvent.setup({ delay: null });
    await pasteToken(user, tokenFor({ role: 'citizen', nino: 'SC300047C', scope: 'citizen:self' }));
    expect(screen.queryByLabelText('Purpose')).toBeNull();
    await findByNino(user, 'SC300047C');
    const history = await screen.findByRole('table', { name: /Recent accesses/ });
    expect(sent[0]!.variables).toMatchObject({ withAccessHistory: true, withStory: true, withReviews: false });
    expect(within(history).getByText('30 November 2026 at 10:15')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Reviews to make' })).toBeNull();
    expect(screen.getByRole('region', { name: 'What has happened' })).toBeTruthy();
    await expectAccessible();
  });
});
