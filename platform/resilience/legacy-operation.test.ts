import { describe, expect, it } from 'vitest';
import { legacyOperation } from './legacy-operation.ts';

describe('legacyOperation', () => {
  it.each([
    ['GET', '/claims/QQ123456C', 'GET /claims/{id}'],
    ['GET', '/claims/AB123456C', 'GET /claims/{id}'],
    ['GET', '/v1/persons/enquiry', 'GET /v1/persons/enquiry'],
    ['GET', '/claims/qq%20123456c', 'GET /claims/{id}'],
    ['GET', '/v1/persons/trace?surname=Smith&dob=19800101', 'GET /v1/persons/trace'],
    ['GET', '/addresses?postcode=SW1A+1AA', 'GET /addresses'],
    ['POST', '/v2/claimants:batchGet', 'POST /v2/claimants:batchGet'],
    ['GET', '/accounts/12345678', 'GET /accounts/{id}'],
    ['GET', '/branches/40-47-84', 'GET /branches/{id}'],
    ['POST', '/StatePensionService', 'POST /StatePensionService'],
  ])('%s %s is named %s', (method, path, expected) => {
    expect(legacyOperation({ method, path })).toBe(expected);
  });
});
