import { describe, expect, it } from 'vitest';
import { changeProgress, changeTitle, citizenTold, deliveryProgress, isInProgress } from './progress.ts';
import type { Change, Delivery } from './queries.ts';

const delivery = (status: string, extra: Partial<Delivery> = {}): Delivery => ({ system: 'uc', status, attempts: 1, lastError: null, deliveredAt: null, ...extra });
const change = (kind: string, status: string, confirmation: Change['confirmation'] = null): Change => ({ id: 'c-1', kind, status, reportedAt: '2026-11-30T09:00:00Z', effectiveDate: '2026-12-01', deliveries: [], confirmation });

describe('a change and its progress, in words', () => {
  it.each([
    ['delivered', delivery('DELIVERED', { deliveredAt: '2026-11-30T09:00:00Z' }), { tag: 'Delivered', colour: 'green', detail: '30 November 2026 at 9:00' }],
    ['waiting for CIS', delivery('WAITING', { attempts: 0 }), { tag: 'Waiting', colour: 'grey', detail: 'Sent once CIS, the master record, confirms the change' }],
    ['queued, not yet failed', delivery('PENDING'), { tag: 'Sending', colour: 'blue' }],
    ['retrying', delivery('PENDING', { attempts: 3, lastError: { system: 'uc', code: 'LEGACY_TIMEOUT' } }), { tag: 'Retrying', colour: 'yellow', detail: 'Last attempt failed with LEGACY_TIMEOUT (3 attempts so far)' }],
    ['retrying after one attempt', delivery('PENDING', { lastError: { system: 'uc', code: 'LEGACY_UNAVAILABLE' } }), { tag: 'Retrying', colour: 'yellow', detail: 'Last attempt failed with LEGACY_UNAVAILABLE (1 attempt so far)' }],
    ['not needed', delivery('NOT_NEEDED', { attempts: 0 }), { tag: 'Not needed', colour: 'grey', detail: 'Holds no live award or record for this citizen' }],
    ['refused', delivery('FAILED', { lastError: { system: 'uc', code: 'LEGACY_WRITE_REFUSED' } }), { tag: 'Failed', colour: 'red', detail: 'Refused with LEGACY_WRITE_REFUSED' }],
    ['never sent', delivery('FAILED', { attempts: 0 }), { tag: 'Failed', colour: 'red', detail: 'Not sent: CIS refused the change' }],
    ['a status this page does not know', delivery('SOMETHING_NEW'), { tag: 'Something new', colour: 'grey' }],
  ])('words a delivery %s', (_case, given, expected) => {
    expect(deliveryProgress(given)).toEqual(expected);
  });

  it.each([
    [change('ADDRESS', 'IN_PROGRESS'), 'Change of address', true, 'In progress'],
    [change('CONTACT', 'FAILED'), 'Change of contact details', true, 'Failed'],
    [change('DEATH', 'COMPLETED'), 'Death reported', false, null],
  ])('titles a change and keeps it in progress until completed', (given, title, inProgress, tag) => {
    expect([changeTitle(given), isInProgress(given), isInProgress(given) ? changeProgress(given).tag : null]).toEqual([title, inProgress, tag]);
  });

  const reachable = { phone: null, mobile: '07700 900123', email: null };
  const unreachable = { phone: '0114 496 0000', mobile: null, email: null };
  it.each([
    ['told by text', change('ADDRESS', 'IN_PROGRESS', { channel: 'SMS', sentAt: '2026-11-30T09:00:05Z' }), reachable, { tag: 'By text message', colour: 'green', detail: '30 November 2026 at 9:00' }],
    ['not yet told', change('CONTACT', 'IN_PROGRESS'), reachable, { tag: 'Not yet', colour: 'grey', detail: 'Told by GOV.UK Notify once CIS holds the change' }],
    ['not yet told, contact details unread', change('CONTACT', 'IN_PROGRESS'), null, { tag: 'Not yet', colour: 'grey', detail: 'Told by GOV.UK Notify once CIS holds the change' }],
    ['no email or mobile to tell them by', change('ADDRESS', 'IN_PROGRESS'), unreachable, { tag: 'Not told', colour: 'grey', detail: 'CIS holds no email or mobile to tell them by' }],
    ['a death: nobody is told here', change('DEATH', 'IN_PROGRESS'), reachable, null],
  ])('words whether the citizen was told: %s', (_case, given, contact, expected) => {
    expect(citizenTold(given, contact)).toEqual(expected);
  });
});
