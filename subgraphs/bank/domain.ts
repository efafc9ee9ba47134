export interface BankAccount {
  readonly sortCode: string;
  readonly accountNumber: string;
  readonly accountHolderName: string;
  readonly accountType: 'BANK' | 'BUILDING_SOCIETY';
  readonly rollNumber: string | null;
  readonly validatedOn: string | null;
}
