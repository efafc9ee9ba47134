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
const OUTWARDS_BY_TOWN = new Map<string, number[]>();
OUTWARD_CODES.forEach((code, index) => {
  const town = OUTWARDS_BY_TOWN.get(code.postTown);
  if (town) town.push(index);
  else OUTWARDS_BY_TOWN.set(code.postTown, [index]);
});

/** Inward-code letters never include C, I, K, M, O or V. */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** domain.md's inward-code rule: a digit and two letters from the set above. */
export const INWARD_CODE_PATTERN = /^\d[ABD-HJLNP-UW-Z]{2}$/;
const INWARD_SPACE = 10 * INWARD_LETTERS.length * INWARD_LETTERS.length;
// An affine permutation of inward codes, so neighbouring local indexes don't read as a sequence.
const INWARD_STEP = 1571;
const INWARD_OFFSET = 97;
const INWARD_STEP_INVERSE = modularInverse(INWARD_STEP, INWARD_SPACE);
const OUTWARD_SPREAD = 37;
const MAX_ADDRESSES_PER_UNIT = 32;
const UPRN_BASE = 100_000_000_000;

const SHOWCASE_LOCAL_INDEX = 0;
const FIRST_CURRENT_LOCAL = 1;
const FIRST_PREVIOUS_LOCAL = 2000;
const HOUSEHOLDS_PER_UNIT = 3;

function modularInverse(value: number, modulus: number): number {
  for (let candidate = 1; candidate < modulus; candidate++) {
    if ((value * candidate) % modulus === 1) return candidate;
  }
  throw new RangeError('no modular inverse');
}

// Mixing in the outward code keeps the showcase units (all local index 0) from sharing an inward code.
function inwardPosition(outwardIndex: number, local: number): number {
  return (local * INWARD_STEP + INWARD_OFFSET + outwardIndex * OUTWARD_SPREAD) % INWARD_SPACE;
}

function inwardCode(outwardIndex: number, local: number): string {
  const position = inwardPosition(outwardIndex, local);
  const letters = Math.floor(position / 10);
  const first = INWARD_LETTERS[letters % INWARD_LETTERS.length];
  const second = INWARD_LETTERS[Math.floor(letters / INWARD_LETTERS.length)];
  return `${position % 10}${first}${second}`;
}

function localIndexOf(outwardIndex: number, inward: string): number | undefined {
  const digit = Number(inward[0]);
  const first = INWARD_LETTERS.indexOf(inward[1] ?? '');
  const second = INWARD_LETTERS.indexOf(inward[2] ?? '');
  if (inward.length !== 3 || !Number.isInteger(digit) || first < 0 || second < 0) return undefined;
  const position = digit + 10 * (first + INWARD_LETTERS.length * second);
  const shifted = position - INWARD_OFFSET - outwardIndex * OUTWARD_SPREAD;
  return (((shifted * INWARD_STEP_INVERSE) % INWARD_SPACE) + INWARD_SPACE) % INWARD_SPACE;
}

export function outwardCodeCount(): number {
  return OUTWARD_CODES.length;
}

function outwardIndexOf(outward: string): number {
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

interface UnitPlan {
  outwardIndex: number;
  local: number;
  postcode: string;
  postTown: string;
  thoroughfare: string;
  count: number;
  /** Set for a block of flats: every address shares the building number. */
  block: { name: string; buildingNumber: string } | null;
  firstNumber: number;
  numberStep: number;
}

function planUnit(outwardIndex: number, local: number): UnitPlan {
  const code = OUTWARD_CODES[outwardIndex];
  if (!code || local < 0 || local >= INWARD_SPACE) throw new RangeError('no such postcode unit');
  const rng = createRng(0xadd, outwardIndex, local);
  const thoroughfare = `${rng.pick(streetFile.stems)} ${rng.pick(streetFile.suffixes)}`;
  const count = rng.int(6, 24);
  const block = rng.chance(0.2) ? { name: `${rng.pick(streetFile.blockNames)} ${rng.pick(streetFile.blockKinds)}`, buildingNumber: String(rng.int(1, 120)) } : null;
  const firstNumber = rng.int(1, 90);
  const numberStep = rng.chance(0.6) ? 2 : 1;
  return { outwardIndex, local, postcode: `${code.outward} ${inwardCode(outwardIndex, local)}`, postTown: code.postTown, thoroughfare, count, block, firstNumber, numberStep };
}

function addressIn(plan: UnitPlan, slot: number): Address {
  const uprn = String(UPRN_BASE + (plan.outwardIndex * INWARD_SPACE + plan.local) * MAX_ADDRESSES_PER_UNIT + slot);
  const { thoroughfare, postTown, postcode } = plan;
  if (plan.block) return { uprn, buildingName: `Flat ${slot + 1}, ${plan.block.name}`, buildingNumber: plan.block.buildingNumber, thoroughfare, postTown, postcode };
  return { uprn, buildingName: null, buildingNumber: String(plan.firstNumber + slot * plan.numberStep), thoroughfare, postTown, postcode };
}

/** Every delivery point in one postcode unit. */
export function unitAt(outwardIndex: number, local: number): PostcodeUnit {
  const plan = planUnit(outwardIndex, local);
  return { postcode: plan.postcode, addresses: Array.from({ length: plan.count }, (_, slot) => addressIn(plan, slot)) };
}

/** The unit behind a normalised postcode, if the universe has one there. */
export function unitForPostcode(postcode: string): PostcodeUnit | undefined {
  const [outward, inward] = postcode.split(' ');
  const outwardIndex = OUTWARD_INDEX.get(outward ?? '');
  if (outwardIndex === undefined) return undefined;
  const local = localIndexOf(outwardIndex, inward ?? '');
  if (local === undefined) return undefined;
  return unitAt(outwardIndex, local);
}

/** The address a UPRN of this universe names (UPRNs encode their unit and slot), or undefined for any other number. */
export function addressForUprn(uprn: string): Address | undefined {
  if (!/^\d{1,15}$/.test(uprn)) return undefined;
  const offset = Number(uprn) - UPRN_BASE;
  if (offset < 0) return undefined;
  const slot = offset % MAX_ADDRESSES_PER_UNIT;
  const unitNumber = Math.floor(offset / MAX_ADDRESSES_PER_UNIT);
  const outwardIndex = Math.floor(unitNumber / INWARD_SPACE);
  if (outwardIndex >= OUTWARD_CODES.length) return undefined;
  const plan = planUnit(outwardIndex, unitNumber % INWARD_SPACE);
  return slot < plan.count ? addressIn(plan, slot) : undefined;
}

/**
 * `count` postcode units, drawn by `rng` from the whole universe, where `occupied` says nobody
 * lives: streets the look-up knows that the population has never lived in.
 */
export function unoccupiedPostcodes(rng: Rng, count: number, occupied: (postcode: string) => boolean): ReadonlySet<string> {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    const outwardIndex = rng.int(0, OUTWARD_CODES.length - 1);
    const postcode = `${OUTWARD_CODES[outwardIndex]?.outward} ${inwardCode(outwardIndex, rng.int(FIRST_CURRENT_LOCAL, INWARD_SPACE - 1))}`;
    if (!occupied(postcode)) chosen.add(postcode);
  }
  return chosen;
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
      const plan = planUnit((unitNumber + shift) % outwardCount, local);
      const slots = shuffledSlots(createRng(seed, 0x5107, unitNumber), plan.count);
      return addressIn(plan, slots[household % HOUSEHOLDS_PER_UNIT] ?? 0);
    },
    previousHome(rng, near) {
      const town = OUTWARDS_BY_TOWN.get(near.postTown);
      const outwardIndex = town && rng.chance(0.6) ? rng.pick(town) : rng.int(0, outwardCount - 1);
      const plan = planUnit(outwardIndex, rng.int(FIRST_PREVIOUS_LOCAL, INWARD_SPACE - 1));
      return addressIn(plan, rng.int(0, plan.count - 1));
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
  const plan = planUnit(outwardIndexOf(outward), SHOWCASE_LOCAL_INDEX);
  if (slot >= plan.count) throw new RangeError('showcase slot outside its unit');
  return addressIn(plan, slot);
}
