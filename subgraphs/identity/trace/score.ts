import soundex from 'talisman/phonetics/soundex.js';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import type { TraceCandidate } from '../domain.ts';

export interface TraceInput {
  readonly familyName: string;
  readonly givenName?: string;
  readonly postcode?: string;
}

export interface ScoredCandidate {
  readonly candidate: TraceCandidate;
  readonly score: number;
  readonly matchedOn: string[];
}

/** Below this a candidate is noise, not a match. */
export const MINIMUM_SCORE = 0.6;

type NameMatch = { readonly strength: number; readonly how: 'EXACT' | 'PHONETIC' | 'SIMILAR' | 'INITIAL' } | null;

function normalise(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
}

/** How strongly two names agree: exact, same Soundex code, close spelling, or an initial. */
function compareNames(given: string, recorded: string): NameMatch {
  const a = normalise(given);
  const b = normalise(recorded);
  if (a === '' || b === '') return null;
  if (a === b) return { strength: 1, how: 'EXACT' };
  if (a.length === 1) return a === b[0] ? { strength: 0.7, how: 'INITIAL' } : null;
  if (soundex(a) === soundex(b)) return { strength: 0.85, how: 'PHONETIC' };
  const similarity = jaroWinkler(a, b);
  return similarity >= 0.88 ? { strength: similarity * 0.9, how: 'SIMILAR' } : null;
}

function compareOutwardAndInward(given: string, recorded: string | null): number {
  if (!recorded) return 0;
  const a = given.replace(/\s/g, '').toUpperCase();
  const b = recorded.replace(/\s/g, '').toUpperCase();
  if (a === b) return 1;
  return a.slice(0, -3) === b.slice(0, -3) ? 0.5 : 0;
}

/**
 * Scores one candidate already matched on date of birth. Names carry most of the weight;
 * a postcode, when given, adds evidence. Given and family names swapped on the form
 * (a common data-entry slip) still match, at a small discount.
 */
export function scoreCandidate(input: TraceInput, candidate: TraceCandidate): ScoredCandidate {
  const { person } = candidate;
  const straight = [compareNames(input.familyName, person.familyName), input.givenName ? compareNames(input.givenName, person.givenName) : undefined] as const;
  const swapped = input.givenName ? ([compareNames(input.givenName, person.familyName), compareNames(input.familyName, person.givenName)] as const) : undefined;

  const weigh = ([family, given]: readonly [NameMatch, NameMatch | undefined]) => {
    const familyPart = (family?.strength ?? 0) * 0.5;
    const givenPart = given === undefined ? 0.3 * (family ? 1 : 0) : (given?.strength ?? 0) * 0.3;
    return familyPart + givenPart;
  };
  const straightScore = weigh(straight);
  const swappedScore = swapped ? weigh(swapped) * 0.9 : 0;
  const transposed = swappedScore > straightScore;
  const [family, given] = transposed && swapped ? swapped : straight;

  const matchedOn: string[] = ['DATE_OF_BIRTH'];
  if (family) matchedOn.push(`FAMILY_NAME_${family.how}`);
  if (given) matchedOn.push(`GIVEN_NAME_${given.how}`);
  if (transposed) matchedOn.push('NAMES_TRANSPOSED');

  let nameScore = Math.max(straightScore, swappedScore);
  let postcodeScore = 0.2;
  if (input.postcode) {
    const postcode = compareOutwardAndInward(input.postcode, candidate.currentPostcode);
    postcodeScore = postcode * 0.2;
    if (postcode === 1) matchedOn.push('POSTCODE');
    else if (postcode > 0) matchedOn.push('POSTCODE_DISTRICT');
  }
  if (!family) nameScore = Math.min(nameScore, 0.3);
  const score = Math.round((nameScore + postcodeScore) * 1000) / 1000;
  return { candidate, score, matchedOn };
}

/**
 * Scores every candidate and keeps the plausible ones, best first. A restricted record is
 * never found by a trace that names a postcode: that would confirm where the person lives.
 */
export function rankCandidates(input: TraceInput, candidates: readonly TraceCandidate[]): ScoredCandidate[] {
  return candidates
    .filter((candidate) => !(input.postcode && candidate.person.restricted))
    .map((candidate) => scoreCandidate(input, candidate))
    .filter((scored) => scored.score >= MINIMUM_SCORE)
    .sort((a, b) => b.score - a.score || a.candidate.person.nino.localeCompare(b.candidate.person.nino));
}
