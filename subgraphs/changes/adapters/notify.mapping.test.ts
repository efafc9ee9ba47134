import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import { listByReferencePath, mapRefusal, mapSent, mapSentWithReference, sendRequest, type Confirmation } from './notify.mapping.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const confirmation: Confirmation = {
  reference: 'chg-2b7e1c94',
  channel: 'email',
  to: 'priya.raman@example.com',
  template: 'address-changed',
  personalisation: { name: 'Priya Raman', effective_date: '1 December 2026', reference: 'chg-2b7e1c94' },
};

describe('sendRequest', () => {
  it('builds an email send with the template for what it confirms, the personalisation and our reference', () => {
    const { path, body } = sendRequest(confirmation);
    expect(path).toBe('/v2/notifications/email');
    expect(JSON.parse(body)).toEqual({
      email_address: 'priya.raman@example.com',
      template_id: '3f1c8a2e-6b0d-4f57-9a3e-1d2b7c4e5f60',
      personalisation: { name: 'Priya Raman', effective_date: '1 December 2026', reference: 'chg-2b7e1c94' },
      reference: 'chg-2b7e1c94',
    });
  });

  it('sends a text message to phone_number with the text-message template', () => {
    const { path, body } = sendRequest({ ...confirmation, channel: 'sms', to: '07700 900123', template: 'death-reported' });
    expect(path).toBe('/v2/notifications/sms');
    expect(JSON.parse(body)).toMatchObject({ phone_number: '07700 900123', template_id: '2b8f6d04-7e3a-4d91-8c5b-0a4e2f7d9c36' });
    expect(JSON.parse(body)).not.toHaveProperty('email_address');
  });

  it('uses a different template for each thing confirmed and each channel', () => {
    const ids = (['address-changed', 'contact-details-changed', 'death-reported'] as const).flatMap((template) =>
      (['email', 'sms'] as const).map((channel) => JSON.parse(sendRequest({ ...confirmation, template, channel }).body).template_id),
    );
    expect(new Set(ids).size).toBe(6);
  });

  it('asks for notifications by reference with the reference encoded', () => {
    expect(listByReferencePath('chg 1&x')).toBe('/v2/notifications?reference=chg+1%26x');
  });
});

describe('reading Notify’s answers', () => {
  it.each([
    ['an email sent', 'notify-email-sent.json', '740e5834-3a29-46b4-9a6f-16142fde533a'],
    ['a text message sent without a reference', 'notify-sms-sent.json', '0b1f4d2c-8e5a-4c77-9d3b-6a2e1f0c9b84'],
  ])('reads the notification id of %s', (_case, file, id) => {
    expect(mapSent(fixture(file))).toBe(id);
  });

  it('finds the notification sent with a reference, and none for another reference or an empty list', () => {
    expect(mapSentWithReference(fixture('notify-list-by-reference.json'), 'chg-2b7e1c94')).toEqual({ id: '740e5834-3a29-46b4-9a6f-16142fde533a', channel: 'email', createdAt: '2026-11-30T14:02:11.000Z' });
    expect(mapSentWithReference(fixture('notify-list-by-reference.json'), 'chg-other')).toBeNull();
    expect(mapSentWithReference({ notifications: [], links: {} }, 'chg-2b7e1c94')).toBeNull();
  });

  it('reports an answer of another shape as Notify being unavailable', () => {
    expect(() => mapSent({})).toThrow(expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'notify' }));
    expect(() => mapSentWithReference({ data: [] }, 'chg-2b7e1c94')).toThrow(LegacyError);
    expect(() => mapSentWithReference({ notifications: [{ id: 'n-1', reference: 'chg-1', type: 'email', created_at: 'yesterday' }] }, 'chg-1')).toThrow(LegacyError);
  });

  it.each([
    ['a validation error', 'notify-validation-error.json', 'ValidationError'],
    ['an authentication error', 'notify-auth-error.json', 'AuthError'],
  ])('turns %s into a refusal that keeps only the error kind, never the message that may quote the recipient', (_case, file, kind) => {
    const error = mapRefusal(fixture(file));
    expect(error).toMatchObject({ code: 'LEGACY_WRITE_REFUSED', system: 'notify', retryable: false });
    expect(error.cause).toBeInstanceOf(LegacyFaultError);
    expect((error.cause as LegacyFaultError).faultCode).toBe(kind);
    expect(`${error.message} ${(error.cause as Error).message}`).not.toMatch(/email|clock/);
  });
});
