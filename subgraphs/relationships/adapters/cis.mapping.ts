import { z } from 'zod';
import { fromYyyymmdd, mapWire } from '../../../platform/formats/index.ts';
import type { Relationship, RelationshipType } from '../domain.ts';

/** CIS relationship codes, read from the subject's side: REL_NINO is the subject's <type>. */
const TYPES: Readonly<Record<string, RelationshipType>> = {
  PTNR: 'PARTNER',
  CHLD: 'CHILD',
  PRNT: 'PARENT',
  APTE: 'APPOINTEE',
  APTR: 'APPOINTED_FOR',
  CARR: 'CARER',
  CARD: 'CARED_FOR',
};

const wireRelationship = z.object({
  NINO: z.string(),
  REL_TYPE_CD: z.string().refine((code) => code in TYPES, 'unknown CIS relationship code'),
  REL_NINO: z.string(),
  START_DT: z.string(),
  END_DT: z.string(),
});
const wireRelationshipList = z.array(wireRelationship);

/** CIS RELATIONSHIP_LIST → each citizen's relationships, current first, then newest. */
export function mapRelationships(list: unknown[]): Map<string, Relationship[]> {
  return mapWire('cis', wireRelationshipList, list, (rows) => {
    const byNino = new Map<string, Relationship[]>();
    for (const row of rows) {
      const relationships = byNino.get(row.NINO) ?? [];
      relationships.push({ type: TYPES[row.REL_TYPE_CD]!, nino: row.REL_NINO, from: fromYyyymmdd(row.START_DT), to: fromYyyymmdd(row.END_DT) });
      byNino.set(row.NINO, relationships);
    }
    for (const relationships of byNino.values()) {
      relationships.sort((a, b) => Number(a.to !== null) - Number(b.to !== null) || (b.from ?? '').localeCompare(a.from ?? ''));
    }
    return byNino;
  });
}
