import { describe, expect, it } from 'vitest';
import { ACCESS_REPORT_EXTENSION } from '../platform/subgraph/index.ts';
import { collectAccessReport, newRequestAccess } from './request-audit.ts';

describe('collectAccessReport', () => {
  it('folds the reports of several subgraphs into one record of the request', () => {
    const access = newRequestAccess();
    collectAccessReport(access, 'identity', { [ACCESS_REPORT_EXTENSION]: { citizens: ['SC100021A'], fields: ['identity.name'], deniedFields: [], searches: [] } });
    collectAccessReport(access, 'bank', { [ACCESS_REPORT_EXTENSION]: { citizens: ['SC100021A', 'SC100042B'], fields: [], deniedFields: ['bank.Citizen.bankAccount'], searches: [{ field: 'bank.Query.validateBankDetails', args: { sortCode: '089999' } }] } });
    expect(access).toEqual({
      citizens: new Set(['SC100021A', 'SC100042B']),
      fields: new Set(['identity.name']),
      deniedFields: new Set(['bank.Citizen.bankAccount']),
      searches: [{ field: 'bank.Query.validateBankDetails', args: { sortCode: '089999' } }],
      unreported: new Set(),
    });
  });

  it.each([
    ['no extensions at all', undefined],
    ['extensions without a report', { other: true }],
    ['a report missing its denied fields', { [ACCESS_REPORT_EXTENSION]: { citizens: [], fields: [], searches: [] } }],
    ['a report that is not an object of lists', { [ACCESS_REPORT_EXTENSION]: 'everything is fine' }],
  ])('marks a response with %s as unreported, so the request is withheld rather than served unaudited', (_case, extensions) => {
    const access = newRequestAccess();
    collectAccessReport(access, 'awards', extensions as Record<string, unknown> | undefined);
    expect([...access.unreported]).toEqual(['awards']);
  });
});
