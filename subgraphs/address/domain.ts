export interface Address {
  readonly lines: string[];
  readonly postTown: string;
  readonly postcode: string;
  readonly uprn: string | null;
}

export interface AddressRecord {
  readonly address: Address;
  readonly type: 'RESIDENTIAL' | 'CORRESPONDENCE';
  readonly from: string | null;
  readonly to: string | null;
}
