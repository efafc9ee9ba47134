import { errors, jwtVerify } from 'jose';

/**
 * GOV.UK Notify's API authentication: `Authorization: Bearer <JWT>`, signed HS256 with the
 * API key's secret, `iss` the service id and `iat` within 30 seconds of Notify's clock.
 * The refusals carry Notify's own messages.
 */
export interface NotifyCredentials {
  /** The service id (a UUID): the token's `iss`. */
  serviceId: string;
  /** The API key's secret, the HMAC key. */
  secret: string;
}

export type NotifyAuthResult = { ok: true; serviceId: string } | { ok: false; status: 401 | 403; message: string };

const MAX_TOKEN_AGE_SECONDS = 30;

function refusedToken(error: unknown): NotifyAuthResult {
  if (error instanceof errors.JWTExpired || (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iat')) {
    return { ok: false, status: 403, message: 'Error: Your system clock must be accurate to within 30 seconds' };
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return { ok: false, status: 403, message: 'Invalid token: service not found' };
  if (error instanceof errors.JOSEAlgNotAllowed) return { ok: false, status: 403, message: 'Invalid token: algorithm used is not HS256' };
  if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, status: 403, message: 'Invalid token: API key not found' };
  return { ok: false, status: 403, message: 'Invalid token: signature, api token is not valid' };
}

/** Checks a request's `Authorization` header against the service's one API key; without a key configured, nothing is accepted. */
export async function authenticate(authorization: string | undefined, credentials: NotifyCredentials | undefined, now: Date): Promise<NotifyAuthResult> {
  if (!authorization) return { ok: false, status: 401, message: 'Unauthorized: authentication token must be provided' };
  const [scheme, token] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return { ok: false, status: 401, message: 'Unauthorized: authentication bearer scheme must be used' };
  if (!credentials) return { ok: false, status: 403, message: 'Invalid token: service not found' };
  try {
    await jwtVerify(token, new TextEncoder().encode(credentials.secret), {
      algorithms: ['HS256'],
      issuer: credentials.serviceId,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      currentDate: now,
    });
    return { ok: true, serviceId: credentials.serviceId };
  } catch (error) {
    return refusedToken(error);
  }
}
