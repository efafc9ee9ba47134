export type RelationshipType = 'PARTNER' | 'CHILD' | 'PARENT' | 'APPOINTEE' | 'APPOINTED_FOR' | 'CARER' | 'CARED_FOR';

export interface Relationship {
  readonly type: RelationshipType;
  /** The related person's NINO: the key row-level access rules check before revealing who they are. */
  readonly nino: string;
  readonly from: string | null;
  readonly to: string | null;
}
