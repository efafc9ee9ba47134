import nameFile from './data/names.json' with { type: 'json' };
import type { IsoDate } from './dates.ts';
import type { Rng } from './prng.ts';

/**
 * Names for a household: every member draws from one heritage group, so a family's names
 * hang together; British forenames follow the fashion of each person's birth decade.
 */
export type NameGroup = 'british' | 'welsh' | 'southAsian' | 'westAfrican' | 'eastEuropean';

type Forenames = { male: readonly string[]; female: readonly string[] };

const BY_DECADE: Readonly<Record<string, Forenames>> = nameFile.britishForenamesByDecade;
const GROUPS = nameFile.nameGroups;
const DECADES = Object.keys(BY_DECADE).map(Number).sort((a, b) => a - b);

export function chooseNameGroup(rng: Rng, livesInWales: boolean): NameGroup {
  if (livesInWales && rng.chance(0.45)) return 'welsh';
  return rng.weighted<NameGroup>([
    ['british', 84],
    ['southAsian', 8],
    ['westAfrican', 4],
    ['eastEuropean', 4],
  ]);
}

export function chooseSurname(rng: Rng, group: NameGroup): string {
  const surname = rng.pick(GROUPS[group].surnames);
  // A few double-barrelled names keep adapters honest about hyphens.
  if (group === 'british' && rng.chance(0.02)) return `${surname}-${rng.pick(GROUPS.british.surnames)}`;
  return surname;
}

function britishForenames(birth: IsoDate): Forenames {
  const year = Number(birth.slice(0, 4));
  const decade = DECADES.findLast((candidate) => candidate <= year) ?? DECADES[0];
  return BY_DECADE[String(decade)] as Forenames;
}

function forenamePool(group: NameGroup, birth: IsoDate): Forenames {
  if (group === 'british') return britishForenames(birth);
  return GROUPS[group].forenames;
}

/** First and (often) second forename, never the same twice. */
export function chooseForenames(rng: Rng, group: NameGroup, sex: 'M' | 'F', birth: IsoDate): [string, string] {
  const pool = forenamePool(group, birth)[sex === 'M' ? 'male' : 'female'];
  const first = rng.pick(pool);
  if (!rng.chance(0.6)) return [first, ''];
  // Middle names lean traditional, so draw them from the British list of the same decade.
  const middlePool = britishForenames(birth)[sex === 'M' ? 'male' : 'female'];
  const second = rng.pick(middlePool);
  return [first, second === first ? '' : second];
}
