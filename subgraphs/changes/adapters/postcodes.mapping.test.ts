import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { mapUprnLookup } from './postcodes.mapping.ts';

describe('mapUprnLookup', () => {
  it('reads a numbered address', () => {
    const payload = { header: { query: 'uprn=100023336956', totalresults: 1 }, results: [{ DPA: { UPRN: '100023336956', BUILDING_NUMBER: '12', THOROUGHFARE_NAME: 'ROUNDHAY ROAD', POST_TOWN: 'LEEDS', POSTCODE: 'LS8 6UB' } }] };
    expect(mapUprnLookup(payload)).toEqual({ uprn: '100023336956', buildingName: null, buildingNumber: '12', thoroughfare: 'ROUNDHAY ROAD', postTown: 'LEEDS', postcode: 'LS8 6UB' });
  });

  it('reads a named building', () => {
    const payload = { results: [{ DPA: { UPRN: '1', BUILDING_NAME: 'FLAT 2, MILL HOUSE', THOROUGHFARE_NAME: 'WATER LANE', POST_TOWN: 'HULL', POSTCODE: 'HU1 1AA' } }] };
    expect(mapUprnLookup(payload)).toMatchObject({ buildingName: 'FLAT 2, MILL HOUSE', buildingNumber: null });
  });

  it('answers null for a UPRN the look-up does not know', () => {
    expect(mapUprnLookup({ header: { query: 'uprn=9', totalresults: 0 } })).toBeNull();
  });

  it('reports a record missing its street as the look-up failing', () => {
    expect(() => mapUprnLookup({ results: [{ DPA: { UPRN: '1', POST_TOWN: 'HULL', POSTCODE: 'HU1 1AA' } }] })).toThrow(LegacyError);
  });
});
