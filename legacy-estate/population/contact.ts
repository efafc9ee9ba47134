import type { Rng } from './prng.ts';
import type { Address } from './types.ts';

/**
 * Contact details from ranges that can never reach a real person: Ofcom's numbers reserved
 * for drama (07700 900xxx mobiles, area-code 496 blocks for landlines) and the reserved
 * example.* e-mail domains.
 */
const DRAMA_LANDLINES: readonly (readonly [area: string, prefix: string])[] = [
  ['LS', '0113 496 0'], ['S', '0114 496 0'], ['NG', '0115 496 0'], ['LE', '0116 496 0'], ['BS', '0117 496 0'],
  ['RG', '0118 496 0'], ['B', '0121 496 0'], ['EH', '0131 496 0'], ['G', '0141 496 0'], ['L', '0151 496 0'],
  ['M', '0161 496 0'], ['NE', '0191 498 0'], ['SR', '0191 498 0'], ['BT', '028 9649 6'], ['CF', '029 2018 0'],
  ['E', '020 7946 0'], ['N', '020 7946 0'], ['NW', '020 7946 0'], ['SE', '020 7946 0'], ['SW', '020 7946 0'],
  ['W', '020 7946 0'], ['EC', '020 7946 0'], ['WC', '020 7946 0'],
];
const ELSEWHERE_LANDLINE = '01632 960';
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

function postcodeArea(address: Address): string {
  return /^[A-Z]+/.exec(address.postcode)?.[0] ?? '';
}

export function landline(rng: Rng, address: Address): string {
  const area = postcodeArea(address);
  const prefix = DRAMA_LANDLINES.find(([candidate]) => candidate === area)?.[1];
  if (prefix) return prefix + String(rng.int(0, 999)).padStart(3, '0');
  return ELSEWHERE_LANDLINE + String(rng.int(0, 999)).padStart(3, '0');
}

export function mobile(rng: Rng): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
}

export function email(rng: Rng, forename: string, surname: string): string {
  const plain = (text: string) => text.normalize('NFD').toLowerCase().replaceAll(/[^a-z]/g, '');
  const local = rng.chance(0.5) ? `${plain(forename)}.${plain(surname)}` : `${plain(forename).charAt(0)}${plain(surname)}${rng.int(1, 99)}`;
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}
