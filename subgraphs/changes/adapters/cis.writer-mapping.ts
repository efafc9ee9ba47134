import { z } from 'zod';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import { CIS_OK, cisReturnCodeError, fromYyyymmdd, fromYyyymmddhhmmss, mapWire, parseLegacyJson, penceFromPoundsText, toYyyymmdd } from '../../../platform/formats/index.ts';
import type { AwardEvent, HistoryByNino, RecordedChange } from './legacy-history.ts';
import type { Change, ChangeKind, WriteOutcome } from './legacy-writer.ts';

/** CIS refuses an update it cannot read with E102 (HTTP 400); E201 says it holds no such NINO. */
const CIS_REFUSED = 'E102';
const CIS_NOT_HELD = 'E201';

const CHANGE_TYPE_CODES: Readonly<Record<ChangeKind, string>> = { address: 'ADDR', contact: 'CONT', death: 'DEATH' };
const CHANGE_KINDS = { ADDR: 'address', CONT: 'contact', DEATH: 'death' } as const;
const EVENTS = { STRT: 'STARTED', CHNG: 'CHANGED', STOP: 'STOPPED', PAID: 'PAYMENT_MADE' } as const;

/** The body of `POST /v1/persons/update` for one change; CIS leaves a field it is not given blank. */
export function cisUpdateRequest(change: Change): Record<string, unknown> {
  const base = { NINO: change.nino, CLIENT_REF: change.reference, CHANGE_TYPE_CD: CHANGE_TYPE_CODES[change.kind] };
  switch (change.kind) {
    case 'address':
      return {
        ...base,
        EFFECTIVE_DT: toYyyymmdd(change.effectiveDate),
        ADDRESS: {
          UPRN: change.address.uprn,
          BUILDING_NAME: change.address.buildingName ?? '',
          BUILDING_NO: change.address.buildingNumber ?? '',
          THOROUGHFARE: change.address.thoroughfare,
          POST_TOWN: change.address.postTown,
          POSTCODE: change.address.postcode,
          RESTRICTION_CD: change.restricted ? 'PROTADDR' : 'NONE',
        },
      };
    case 'contact':
      return { ...base, EFFECTIVE_DT: toYyyymmdd(change.effectiveDate), CONTACT: { TEL_NO: change.phone ?? '', MOBILE_NO: change.mobile ?? '', EMAIL_ADDR: change.email ?? '' } };
    case 'death':
      return { ...base, EFFECTIVE_DT: toYyyymmdd(change.dateOfDeath), DEATH_DT: toYyyymmdd(change.dateOfDeath) };
  }
}

const wireUpdateAnswer = z.object({ RETURN_CD: z.string(), UPDATE_STATUS_CD: z.enum(['APPLIED', 'ALREADY_APPLIED']).optional() });

/**
 * CIS's answer to an update: applied, already applied (CIS itself answers a repeated
 * CLIENT_REF), not held (E201), refused for good (E102), or CIS failing.
 */
export function mapCisUpdateAnswer(statusCode: number, body: string): WriteOutcome {
  const answer = mapWire('cis', wireUpdateAnswer, parseLegacyJson('cis', body), (wire) => wire);
  if (answer.RETURN_CD === CIS_REFUSED && statusCode === 400) {
    throw new LegacyError('LEGACY_WRITE_REFUSED', 'cis', { cause: new LegacyFaultError('RETURN_CODE', answer.RETURN_CD) });
  }
  if (answer.RETURN_CD === CIS_NOT_HELD) return 'not-held';
  if (answer.RETURN_CD !== CIS_OK || answer.UPDATE_STATUS_CD === undefined) throw cisReturnCodeError('cis', answer.RETURN_CD);
  return answer.UPDATE_STATUS_CD === 'APPLIED' ? 'applied' : 'already-applied';
}

const wireHistory = z.object({
  CHANGE_LIST: z.array(z.object({ NINO: z.string(), CLIENT_REF: z.string(), CHANGE_TYPE_CD: z.enum(['ADDR', 'CONT', 'DEATH']), EFFECTIVE_DT: z.string(), APPLIED_TS: z.string() })),
  EVENT_LIST: z.array(z.object({ NINO: z.string(), BEN_CD: z.string(), EVENT_CD: z.enum(['STRT', 'CHNG', 'STOP', 'PAID']), EVENT_DT: z.string(), AMT: z.string() })),
  NOT_FOUND_LIST: z.array(z.string()),
});

function requiredDate(compact: string): string {
  const date = fromYyyymmdd(compact);
  if (date === null) throw new TypeError('CIS history date is blank');
  return date;
}

/** A CIS history enquiry's answer → each NINO asked: its changes and award events, or null when CIS holds no such person. */
export function mapCisHistory(ninos: readonly string[], payload: unknown): HistoryByNino {
  return mapWire('cis', wireHistory, payload, (wire) => {
    const notFound = new Set(wire.NOT_FOUND_LIST);
    return new Map(
      ninos.map((nino) => {
        if (notFound.has(nino)) return [nino, null];
        const changes: RecordedChange[] = wire.CHANGE_LIST.filter((row) => row.NINO === nino).map((row) => ({
          reference: row.CLIENT_REF,
          kind: CHANGE_KINDS[row.CHANGE_TYPE_CD],
          effectiveDate: requiredDate(row.EFFECTIVE_DT),
          appliedAt: fromYyyymmddhhmmss(row.APPLIED_TS),
        }));
        const events: AwardEvent[] = wire.EVENT_LIST.filter((row) => row.NINO === nino).map((row) => ({
          benefitCode: row.BEN_CD,
          event: EVENTS[row.EVENT_CD],
          date: requiredDate(row.EVENT_DT),
          amountPence: row.AMT.trim() === '' ? null : penceFromPoundsText(row.AMT),
        }));
        return [nino, { changes, events }];
      }),
    );
  });
}
