import { describe, expect, it } from 'vitest';
import { ACCESS_REPORT_EXTENSION } from '../platform/subgraph/index.ts';
import { collectAccessReport, newRequestAccess } from './request-audit.ts';

describe('collectAccessReport', () => {
  it('folds the reports of several subgraphs into one record of the request', () => {
    const access = newRequestAccess();
    collectAccessReport(access, 'identity', { [ACCESS_REPORT_EXTENSION]: { citizens: ['SC100021A'], fields: ['identity.name'], deniedFields: [], searches: [] } });
    collectAccessReport(access, 'bank', { [ACCESS_REPORT_EXTENSION]: { citizens: ['SC100021A', 'SC100042B'], fields: [], deniedFields: ['bank.Citizen.bankAccount'], searches: [{ field: 'bank.Query.validateBankDetails', args: { sortCode: '089999' } }] } });
    collectAccessReport(access, 'awards', { [ACCESS_REPORT_EXTENSION]: { citizens: [], fields: ['awards.Query.healthyStart'], deniedFields: [], searches: [], references: ['5b0e7c1a-2f9d-4e3b-8a61-0c4d2e9f7b13'] } });
    collectAccessReport(access, 'changes', { [ACCESS_REPORT_EXTENSION]: { citizens: ['SC100021A'], fields: ['changes.Mutation.reportAddressChange'], deniedFields: [], searches: [], references: [], changedFields: ['changes.address'] } });
    expect(access).toEqual({
      citizens: new Set(['SC100021A', 'SC100042B']),
      fields: new Set(['identity.name', 'awards.Query.healthyStart', 'changes.Mutation.reportAddressChange']),
      deniedFields: new Set(['bank.Citizen.bankAccount']),
      searches: [{ field: 'bank.Query.validateBankDetails', args: { sortCode: '089999' } }],
      references: new Set(['5b0e7c1a-2f9d-4e3b-8a61-0c4d2e9f7b13']),
      changedFields: new Set(['changes.address']),
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
