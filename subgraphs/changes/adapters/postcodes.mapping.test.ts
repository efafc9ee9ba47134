import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isUprn, mapUprnLookup } from './postcodes.mapping.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('mapUprnLookup', () => {
  it.each([
    ['a flat, with its building name and the block’s number', 'postcodes-uprn-flat.json', '100021795206', { uprn: '100021795206', buildingName: 'FLAT 3, ROWAN COURT', buildingNumber: '14', thoroughfare: 'ELMWOOD ROAD', postTown: 'LEEDS', postcode: 'LS8 6UB' }],
    ['a numbered house, with no building name', 'postcodes-uprn-house.json', '100021795331', { uprn: '100021795331', buildingName: null, buildingNumber: '27', thoroughfare: 'CHURCH LANE', postTown: 'SWANSEA', postcode: 'SA1 8QY' }],
    ['no results', 'postcodes-uprn-none.json', '100000000000', null],
  ])('reads %s', (_case, file, uprn, expected) => {
    expect(mapUprnLookup(fixture(file), uprn)).toEqual(expected);
  });

  it('answers null when the look-up answers with another UPRN than the one asked for', () => {
    expect(mapUprnLookup(fixture('postcodes-uprn-house.json'), '100021795206')).toBeNull();
  });

  it('reports an answer of another shape as the look-up being unavailable', () => {
    expect(() => mapUprnLookup({}, '100021795206')).toThrow(expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'postcodes' }));
    expect(() => mapUprnLookup({ header: { totalresults: 1 }, results: [{ DPA: { UPRN: 100021795206 } }] }, '100021795206')).toThrow(expect.objectContaining({ code: 'LEGACY_UNAVAILABLE' }));
  });
});

describe('isUprn', () => {
  it.each([
    ['100021795206', true],
    ['1', true],
    ['1000217952061', false],
    ['', false],
    ['12AB', false],
    ['../addresses', false],
  ])('%j is a UPRN: %s', (value, expected) => {
    expect(isUprn(value)).toBe(expected);
  });
});
