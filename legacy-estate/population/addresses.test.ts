import { isValid, toNormalised } from 'postcode';
import { describe, expect, it } from 'vitest';
import { INWARD_CODE_PATTERN, createHomeAllocator, outwardCodeCount, showcaseHome, unitAt, unitForPostcode } from './addresses.ts';
import { createRng } from './prng.ts';

describe('address universe', () => {
  it('builds valid, normalised postcodes on every outward code', () => {
    for (let outward = 0; outward < outwardCodeCount(); outward++) {
      for (const local of [0, 1, 1999, 2000, 3999]) {
        const { postcode } = unitAt(outward, local);
        const inward = postcode.split(' ')[1] ?? '';
        if (!isValid(postcode) || toNormalised(postcode) !== postcode || !INWARD_CODE_PATTERN.test(inward)) expect.fail(`bad postcode ${postcode}`);
      }
    }
  });

  it('rebuilds a unit from its postcode alone', () => {
    for (const [outward, local] of [[0, 0], [17, 1234], [outwardCodeCount() - 1, 3999]] as const) {
      const unit = unitAt(outward, local);
      expect(unitForPostcode(unit.postcode)).toEqual(unit);
    }
    expect(unitForPostcode('ZZ99 9ZZ')).toBeUndefined();
  });

  it('gives every address in a unit its own UPRN and several neighbours', () => {
    const uprns = new Set<string>();
    for (let local = 0; local < 200; local++) {
      const unit = unitAt(local % outwardCodeCount(), local);
      expect(unit.addresses.length).toBeGreaterThanOrEqual(6);
      for (const address of unit.addresses) uprns.add(address.uprn);
    }
    const total = Array.from({ length: 200 }, (_, local) => unitAt(local % outwardCodeCount(), local).addresses.length).reduce((a, b) => a + b);
    expect(uprns.size).toBe(total);
  });

  it('never puts two households at one address', () => {
    const homes = createHomeAllocator(20261125);
    const uprns = Array.from({ length: 5_000 }, (_, household) => homes.currentHome(household).uprn);
    expect(new Set(uprns).size).toBe(uprns.length);
  });

  it('keeps previous homes out of the units used for current homes', () => {
    const homes = createHomeAllocator(1);
    const current = new Set(Array.from({ length: 3_000 }, (_, household) => homes.currentHome(household).postcode));
    const rng = createRng(3);
    const near = homes.currentHome(0);
    for (let i = 0; i < 500; i++) expect(current.has(homes.previousHome(rng, near).postcode)).toBe(false);
  });

  it('places showcase homes independently of any seed', () => {
    expect(showcaseHome('LS8', 4)).toEqual(showcaseHome('LS8', 4));
    expect(showcaseHome('LS8', 4).postTown).toBe('LEEDS');
    expect(() => showcaseHome('XX1', 0)).toThrow(RangeError);
  });
});
