import { toCompact } from '../population/dates.ts';
import type { DisabilityAward } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { text } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/** The PIP / DLA / AA system: 80-column fixed-width records, one NINO per call. */
const RECORD_WIDTH = 80;

function pence(amount: number): string {
  return String(amount).padStart(8, '0');
}

/** Columns as the README's table: 1-3 type, 4-12 NINO, 13-16 benefit, 17 status, ... 62 pay day. */
function awardLine(nino: string, award: DisabilityAward): string {
  const line =
    'AWD' +
    nino.padEnd(9) +
    award.benefit.padEnd(4) +
    award.status +
    toCompact(award.start) +
    (toCompact(award.end) || ' '.repeat(8)) +
    (award.careCode ?? '  ') +
    pence(award.carePence) +
    (award.mobilityCode ?? '  ') +
    pence(award.mobilityPence) +
    (toCompact(award.lastPaidDate) || ' '.repeat(8)) +
    String(award.payDay);
  return line.padEnd(RECORD_WIDTH);
}

function trailer(count: number): string {
  return `TRL${String(count).padStart(6, '0')}`.padEnd(RECORD_WIDTH);
}

function claims(population: PopulationIndex) {
  return (_request: SystemRequest, match: RegExpExecArray): SystemResponse => {
    let nino: string;
    try {
      nino = decodeURIComponent(match[1] ?? '');
    } catch {
      return text(404, 'NO CLAIMANT RECORD');
    }
    const person = population.byNino(nino);
    if (!person || person.disabilityAwards.length === 0) return text(404, 'NO CLAIMANT RECORD');
    const lines = person.disabilityAwards.map((award) => awardLine(person.nino, award));
    return text(200, [...lines, trailer(lines.length)].join('\n') + '\n');
  };
}

export function createDisabilitySystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'disability',
    routes: [{ method: 'GET', pattern: /^\/claims\/([^/]+)$/, operation: 'claims', handle: claims(population) }],
    failure: (status, message) => text(status, message.toUpperCase()),
    malformed: () => text(200, ''),
  };
}
