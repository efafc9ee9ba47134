export { ROLES, PARTNER_CHECKS, SCOPES, ALL_SCOPES, DEFAULT_SCOPES, ROLES_REQUIRING_PURPOSE, checkScope, isRole, isScope, isCheckName } from './vocabulary.ts';
export type { Role, Scope, CheckName, CheckScope } from './vocabulary.ts';
export { normaliseNino, looksLikeNino } from './nino.ts';
export type { Principal, CallerPrincipal } from './principal.ts';
export { hasScope, withPurpose } from './principal.ts';
export { parsePurpose } from './purpose.ts';
export { UnauthenticatedError } from './unauthenticated-error.ts';
export { bearerToken } from './bearer-token.ts';
export { createCallerVerifier, CALLER_TOKEN_ALGORITHMS } from './caller-verifier.ts';
export type { CallerVerifier, CallerVerifierOptions } from './caller-verifier.ts';
export { createDevIssuer } from './dev-issuer.ts';
export type { DevIssuer, DevIssuerOptions, DevIssuerAlgorithm, MintOptions } from './dev-issuer.ts';
export { createInternalTokenSigner, createInternalTokenVerifier } from './internal-token.ts';
export type { InternalCall, InternalTokenSigner, InternalTokenVerifier, InternalTokenSignerOptions, InternalTokenVerifierOptions } from './internal-token.ts';
export { internalTokenSecret, loadOrCreateInternalTokenSecret } from './internal-token-secret.ts';
export {
  canReadCitizen,
  canReportChange,
  isCaseworkerOnCase,
  mustMaskAccountNumber,
  canSeeRestricted,
  canRunCheck,
  canReadAuditFor,
  canSearchAudit,
  canIntrospect,
  requirePurpose,
  maskAccountNumber,
} from './policies.ts';
export { applyAuthorization } from './apply-authorization.ts';
export { accessDirectiveNames, accessRuleFor } from './access-rules.ts';
export type { AccessGate, AccessRule, DirectiveNames } from './access-rules.ts';
export type { AuthorizationOptions, NamedPolicy, PolicyTarget, Refusal } from './apply-authorization.ts';
