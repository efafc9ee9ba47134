export type RelationshipType = 'PARTNER' | 'CHILD' | 'PARENT' | 'APPOINTEE' | 'APPOINTED_FOR' | 'CARER' | 'CARED_FOR';

export interface Relationship {
  readonly type: RelationshipType;
  readonly otherNino: string;
  readonly from: string | null;
  readonly to: string | null;
}
