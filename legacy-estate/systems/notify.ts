import { randomUUID } from 'node:crypto';
import { authenticate, type NotifyCredentials } from './notify-auth.ts';
import { missingPersonalisation, NOTIFY_TEMPLATES, renderTemplate, type NotifyTemplate } from './notify-templates.ts';
import type { Journal } from './journal.ts';
import { createRateLimiter, type RateLimitSettings } from './rate-limit.ts';
import { json, parseJson } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/**
 * A stand-in for GOV.UK Notify's API v2: send an email or a text message from a template,
 * list what was sent by reference, one API key, Notify's rate limit and Notify's errors
 * (`{"status_code":n,"errors":[{"error":"<kind>","message":"..."}]}`).
 */
export interface NotifyServiceOptions {
  /** The service's one API key; without it every request is refused (403). */
  credentials?: NotifyCredentials;
  /** Requests a key may make per window before 429; default 3,000 a minute, GOV.UK Notify's own limit. */
  rateLimit?: RateLimitSettings;
  /** Where what was sent is kept (fsynced before Notify answers), so a restarted estate still knows it; none: memory only. */
  journal?: Journal<SentNotification>;
}

const NOTIFY_RATE_LIMIT: RateLimitSettings = { requests: 3_000, windowMs: 60_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const FROM_EMAIL = 'department.for.work.and.pensions@notifications.service.gov.uk';
const FROM_NUMBER = 'DWP';

type Channel = 'email' | 'sms';

export interface SentNotification {
  id: string;
  reference: string | null;
  type: Channel;
  /** The email address or UK mobile number, as the caller gave it. */
  recipient: string;
  template: NotifyTemplate;
  subject: string | null;
  body: string;
  createdAt: string;
}

interface NotifyErrorItem {
  error: 'ValidationError' | 'BadRequestError' | 'AuthError' | 'RateLimitError' | 'Exception';
  message: string;
}

function notifyError(status: number, ...items: NotifyErrorItem[]): SystemResponse {
  return json(status, { status_code: status, errors: items });
}

/** Notify's "is this a UK mobile number" rule: digits after removing spaces, dashes and brackets, `+44`/`0044` read as `0`. */
function mobileNumberProblem(value: string): string | null {
  const compact = value.replace(/[\s()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return 'phone_number Must not contain letters or symbols';
  const national = compact.replace(/^(\+44|0044|44)/, '0');
  if (!/^07\d{9}$/.test(national)) return 'phone_number Not a UK mobile number';
  return null;
}

interface ValidRequest {
  recipient: string;
  template: NotifyTemplate;
  personalisation: Record<string, string>;
  reference: string | null;
}

/** The request's problems in Notify's words, or what it asks for. */
function validate(channel: Channel, body: string): ValidRequest | SystemResponse {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return notifyError(400, { error: 'BadRequestError', message: 'Invalid JSON supplied in POST data' });
  const fields = parsed as Record<string, unknown>;
  const recipientField = channel === 'email' ? 'email_address' : 'phone_number';
  const problems: string[] = [];
  const recipient = fields[recipientField];
  if (recipient === undefined) problems.push(`${recipientField} is a required property`);
  else if (typeof recipient !== 'string') problems.push(`${recipientField} ${JSON.stringify(recipient)} is not of type string`);
  else if (channel === 'email' && !EMAIL.test(recipient.trim())) problems.push('email_address Not a valid email address');
  else if (channel === 'sms') {
    const problem = mobileNumberProblem(recipient);
    if (problem) problems.push(problem);
  }
  const templateId = fields['template_id'];
  if (templateId === undefined) problems.push('template_id is a required property');
  else if (typeof templateId !== 'string' || !UUID.test(templateId)) problems.push('template_id is not a valid UUID');
  const personalisation = fields['personalisation'] ?? {};
  const personalisationValid =
    typeof personalisation === 'object' && personalisation !== null && !Array.isArray(personalisation) && Object.values(personalisation).every((value) => typeof value === 'string' || typeof value === 'number');
  if (!personalisationValid) problems.push('personalisation should be an object of strings or numbers');
  const reference = fields['reference'] ?? null;
  if (reference !== null && typeof reference !== 'string') problems.push(`reference ${JSON.stringify(reference)} is not of type string`);
  if (problems.length > 0) return notifyError(400, ...problems.map((message) => ({ error: 'ValidationError' as const, message })));

  const template = NOTIFY_TEMPLATES.find((candidate) => candidate.id === (templateId as string).toLowerCase());
  if (!template) return notifyError(400, { error: 'BadRequestError', message: 'Template not found' });
  if (template.type !== channel) return notifyError(400, { error: 'BadRequestError', message: `${template.type} template is not suitable for ${channel} notification` });
  const values = Object.fromEntries(Object.entries(personalisation as Record<string, string | number>).map(([key, value]) => [key, String(value)]));
  const missing = missingPersonalisation(template, values);
  if (missing.length > 0) return notifyError(400, { error: 'BadRequestError', message: `Missing personalisation: ${missing.join(', ')}` });
  return { recipient: (recipient as string).trim(), template, personalisation: values, reference: reference as string | null };
}

export function createNotifySystem(options: NotifyServiceOptions = {}): LegacySystem {
  const limiter = createRateLimiter(options.rateLimit ?? NOTIFY_RATE_LIMIT);
  const sent: SentNotification[] = [...(options.journal?.replayed ?? [])];

  const baseUrl = (request: SystemRequest) => `http://${request.headers.host ?? 'localhost'}/notify`;
  const templateOf = (request: SystemRequest, template: NotifyTemplate) => ({ id: template.id, version: template.version, uri: `${baseUrl(request)}/v2/template/${template.id}` });

  /** Authentication, then the key's rate limit: every authenticated request counts, as on Notify. */
  async function admit(request: SystemRequest): Promise<SystemResponse | null> {
    const at = new Date();
    const auth = await authenticate(request.headers.authorization, options.credentials, at);
    if (!auth.ok) return notifyError(auth.status, { error: 'AuthError', message: auth.message });
    const waitSeconds = limiter.take(auth.serviceId, at.getTime());
    if (waitSeconds === null) return null;
    const { requests, windowMs } = limiter.settings();
    return {
      ...notifyError(429, { error: 'RateLimitError', message: `Exceeded rate limit for key type LIVE of ${requests} requests per ${windowMs / 1000} seconds` }),
      headers: { 'retry-after': String(waitSeconds) },
    };
  }

  function send(channel: Channel) {
    return async (request: SystemRequest): Promise<SystemResponse> => {
      const refused = await admit(request);
      if (refused) return refused;
      const valid = validate(channel, request.body);
      if (!('recipient' in valid)) return valid;
      const { template, personalisation } = valid;
      const notification: SentNotification = {
        id: randomUUID(),
        reference: valid.reference,
        type: channel,
        recipient: valid.recipient,
        template,
        subject: template.subject === undefined ? null : renderTemplate(template.subject, personalisation),
        body: renderTemplate(template.body, personalisation),
        createdAt: new Date().toISOString(),
      };
      options.journal?.append(notification);
      sent.push(notification);
      const content = channel === 'email' ? { body: notification.body, subject: notification.subject, from_email: FROM_EMAIL } : { body: notification.body, from_number: FROM_NUMBER };
      return json(201, {
        id: notification.id,
        reference: notification.reference,
        content,
        uri: `${baseUrl(request)}/v2/notifications/${notification.id}`,
        template: templateOf(request, template),
      });
    };
  }

  async function list(request: SystemRequest): Promise<SystemResponse> {
    const refused = await admit(request);
    if (refused) return refused;
    const unexpected = [...request.query.keys()].filter((key) => key !== 'reference');
    if (unexpected.length > 0) return notifyError(400, { error: 'ValidationError', message: `Additional properties are not allowed (${unexpected.join(', ')} was unexpected)` });
    const reference = request.query.get('reference');
    const matching = sent.filter((notification) => reference === null || notification.reference === reference).reverse();
    return json(200, {
      notifications: matching.map((notification) => ({
        id: notification.id,
        reference: notification.reference,
        email_address: notification.type === 'email' ? notification.recipient : null,
        phone_number: notification.type === 'sms' ? notification.recipient : null,
        type: notification.type,
        status: 'delivered',
        template: templateOf(request, notification.template),
        body: notification.body,
        subject: notification.subject,
        created_at: notification.createdAt,
        created_by_name: null,
        sent_at: notification.createdAt,
        completed_at: notification.createdAt,
        scheduled_for: null,
      })),
      links: { current: `${baseUrl(request)}/v2/notifications${reference === null ? '' : `?${new URLSearchParams({ reference })}`}` },
    });
  }

  return {
    id: 'notify',
    routes: [
      { method: 'POST', pattern: /^\/v2\/notifications\/email$/, operation: 'sendEmail', handle: send('email') },
      { method: 'POST', pattern: /^\/v2\/notifications\/sms$/, operation: 'sendSms', handle: send('sms') },
      { method: 'GET', pattern: /^\/v2\/notifications$/, operation: 'listNotifications', handle: list },
    ],
    failure: (status, message) => notifyError(status, { error: status === 400 || status === 413 ? 'BadRequestError' : 'Exception', message }),
    malformed: () => json(200, {}),
    rateLimit: limiter,
    sent: () =>
      sent.map((notification) => ({
        id: notification.id,
        reference: notification.reference,
        type: notification.type,
        recipient: notification.recipient,
        templateId: notification.template.id,
        subject: notification.subject,
        body: notification.body,
        createdAt: notification.createdAt,
      })),
  };
}
