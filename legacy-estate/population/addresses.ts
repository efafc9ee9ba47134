import outwardFile from './data/outward-codes.json' with { type: 'json' };
import streetFile from './data/streets.json' with { type: 'json' };
import { createRng } from './prng.ts';
import type { Rng } from './prng.ts';
import type { Address } from './types.ts';

/**
 * The address universe: a postcode unit is a pure function of (outward code, local index),
 * independent of the population seed, so any address can be rebuilt from its postcode and
 * the postcode look-up serves the neighbours nobody in the population lives at.
 *
 * Local indexes: 0 is reserved for the showcase citizens, 1-1999 hold generated current
 * homes, 2000-3999 previous homes.
 */
export interface PostcodeUnit {
  postcode: string;
  addresses: readonly Address[];
}

interface OutwardCode {
  outward: string;
  postTown: string;
  nation: string;
}

const OUTWARD_CODES: readonly OutwardCode[] = outwardFile.outwardCodes;
const OUTWARD_INDEX = new Map(OUTWARD_CODES.map((code, index) => [code.outward, index]));
const OUTWARDS_BY_TOWN = Map.groupBy(OUTWARD_CODES.keys(), (index) => OUTWARD_CODES[index]?.postTown ?? '');

/** Inward-code letters never include C, I, K, M, O or V. */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const INWARD_SPACE = 10 * INWARD_LETTERS.length * INWARD_LETTERS.length;
// An affine permutation of inward codes, so neighbouring local indexes don't read as a sequence.
const INWARD_STEP = 1571;
const INWARD_OFFSET = 97;
const INWARD_STEP_INVERSE = modularInverse(INWARD_STEP, INWARD_SPACE);
const MAX_ADDRESSES_PER_UNIT = 32;
const UPRN_BASE = 100_000_000_000;

export const SHOWCASE_LOCAL_INDEX = 0;
const FIRST_CURRENT_LOCAL = 1;
const FIRST_PREVIOUS_LOCAL = 2000;
const HOUSEHOLDS_PER_UNIT = 3;

function modularInverse(value: number, modulus: number): number {
  for (let candidate = 1; candidate < modulus; candidate++) {
    if ((value * candidate) % modulus === 1) return candidate;
  }
  throw new RangeError('no modular inverse');
}

function inwardCode(local: number): string {
  const position = (local * INWARD_STEP + INWARD_OFFSET) % INWARD_SPACE;
  const letters = Math.floor(position / 10);
  const first = INWARD_LETTERS[letters % INWARD_LETTERS.length];
  const second = INWARD_LETTERS[Math.floor(letters / INWARD_LETTERS.length)];
  return `${position % 10}${first}${second}`;
}

function localIndexOf(inward: string): number | undefined {
  const digit = Number(inward[0]);
  const first = INWARD_LETTERS.indexOf(inward[1] ?? '');
  const second = INWARD_LETTERS.indexOf(inward[2] ?? '');
  if (inward.length !== 3 || !Number.isInteger(digit) || first < 0 || second < 0) return undefined;
  const position = digit + 10 * (first + INWARD_LETTERS.length * second);
  return ((((position - INWARD_OFFSET) * INWARD_STEP_INVERSE) % INWARD_SPACE) + INWARD_SPACE) % INWARD_SPACE;
}

export function outwardCodeCount(): number {
  return OUTWARD_CODES.length;
}

export function outwardIndexOf(outward: string): number {
  const index = OUTWARD_INDEX.get(outward);
  if (index === undefined) throw new RangeError(`outward code ${outward} is not in the data file`);
  return index;
}

/** True when the address is in Wales (for Welsh-language preference). */
export function isInWales(address: Address): boolean {
  const outward = address.postcode.split(' ')[0] ?? '';
  const index = OUTWARD_INDEX.get(outward);
  return index !== undefined && OUTWARD_CODES[index]?.nation === 'WALES';
}

/** Every delivery point in one postcode unit. */
export function unitAt(outwardIndex: number, local: number): PostcodeUnit {
  const code = OUTWARD_CODES[outwardIndex];
  if (!code || local < 0 || local >= INWARD_SPACE) throw new RangeError('no such postcode unit');
  const postcode = `${code.outward} ${inwardCode(local)}`;
  const rng = createRng(0xadd, outwardIndex, local);
  const thoroughfare = `${rng.pick(streetFile.stems)} ${rng.pick(streetFile.suffixes)}`;
  const count = rng.int(6, 24);
  const uprnOf = (slot: number) => String(UPRN_BASE + (outwardIndex * INWARD_SPACE + local) * MAX_ADDRESSES_PER_UNIT + slot);
  const addresses: Address[] = [];
  if (rng.chance(0.2)) {
    const block = `${rng.pick(streetFile.blockNames)} ${rng.pick(streetFile.blockKinds)}`;
    const buildingNumber = String(rng.int(1, 120));
    for (let slot = 0; slot < count; slot++) {
      addresses.push({ uprn: uprnOf(slot), buildingName: `Flat ${slot + 1}, ${block}`, buildingNumber, thoroughfare, postTown: code.postTown, postcode });
    }
  } else {
    const first = rng.int(1, 90);
    const step = rng.chance(0.6) ? 2 : 1;
    for (let slot = 0; slot < count; slot++) {
      addresses.push({ uprn: uprnOf(slot), buildingName: null, buildingNumber: String(first + slot * step), thoroughfare, postTown: code.postTown, postcode });
    }
  }
  return { postcode, addresses };
}

/** The unit behind a normalised postcode, if the universe has one there. */
export function unitForPostcode(postcode: string): PostcodeUnit | undefined {
  const [outward, inward] = postcode.split(' ');
  const outwardIndex = OUTWARD_INDEX.get(outward ?? '');
  const local = localIndexOf(inward ?? '');
  if (outwardIndex === undefined || local === undefined) return undefined;
  return unitAt(outwardIndex, local);
}

export interface HomeAllocator {
  /** The current home of the `household`th generated household: about three households per unit, never two at one address. */
  currentHome(household: number): Address;
  /** A former home, usually in the same town as `near`. */
  previousHome(rng: Rng, near: Address): Address;
}

export function createHomeAllocator(seed: number): HomeAllocator {
  const outwardCount = OUTWARD_CODES.length;
  const shift = Math.abs(seed) % outwardCount;
  return {
    currentHome(household) {
      const unitNumber = Math.floor(household / HOUSEHOLDS_PER_UNIT);
      const local = FIRST_CURRENT_LOCAL + Math.floor(unitNumber / outwardCount);
      if (local >= FIRST_PREVIOUS_LOCAL) throw new RangeError('population too large for the address universe');
      const unit = unitAt((unitNumber + shift) % outwardCount, local);
      const slots = shuffledSlots(createRng(seed, 0x5107, unitNumber), unit.addresses.length);
      return unit.addresses[slots[household % HOUSEHOLDS_PER_UNIT] ?? 0] as Address;
    },
    previousHome(rng, near) {
      const town = OUTWARDS_BY_TOWN.get(near.postTown);
      const outwardIndex = town && rng.chance(0.6) ? rng.pick(town) : rng.int(0, outwardCount - 1);
      const unit = unitAt(outwardIndex, rng.int(FIRST_PREVIOUS_LOCAL, INWARD_SPACE - 1));
      return rng.pick(unit.addresses);
    },
  };
}

function shuffledSlots(rng: Rng, count: number): number[] {
  const slots = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = rng.int(0, index);
    [slots[index], slots[other]] = [slots[other] as number, slots[index] as number];
  }
  return slots;
}

/** A showcase citizen's home: a fixed slot in the reserved unit of a named outward code. */
export function showcaseHome(outward: string, slot: number): Address {
  const unit = unitAt(outwardIndexOf(outward), SHOWCASE_LOCAL_INDEX);
  const address = unit.addresses[slot];
  if (!address) throw new RangeError('showcase slot outside its unit');
  return address;
}
