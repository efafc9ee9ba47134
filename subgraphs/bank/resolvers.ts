import { citizenByKey, citizenRootResolvers, type SubgraphContext } from '../../platform/subgraph/index.ts';
import { maskAccountNumber, mustMaskAccountNumber } from '../../platform/auth/index.ts';
import { checkBankDetails, type ModulusTables } from '../../platform/domain/modulus/index.ts';
import type { BankAccount } from './domain.ts';
import type { BankLoaders } from './loaders.ts';

type Context = SubgraphContext<BankLoaders>;

export function createResolvers(modulusTables: ModulusTables) {
  return {
    Query: {
      ...citizenRootResolvers(),
      validateBankDetails: (_: unknown, args: { sortCode: string; accountNumber: string }) => {
        const result = checkBankDetails(args.sortCode, args.accountNumber, modulusTables);
        return { valid: result.valid, checked: result.checked, reason: result.valid ? null : (result.reason ?? 'The account number fails the modulus check for this sort code.') };
      },
    },

    Citizen: {
      __resolveReference: citizenByKey,
      bankAccount: (citizen: { nino: string }, _: unknown, context: Context) => context.loaders.account.load(citizen.nino),
    },

    BankAccount: {
      masked: (_account: BankAccount, _: unknown, context: Context) => mustMaskAccountNumber(context.principal),
      accountNumber: (account: BankAccount, _: unknown, context: Context) =>
        mustMaskAccountNumber(context.principal) ? maskAccountNumber(account.accountNumber) : account.accountNumber,
    },
  };
}
