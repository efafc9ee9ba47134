/**
 * The department's templates on the simulated GOV.UK Notify service, as a service team would
 * have set them up in Notify's admin pages. Their ids are what callers send as `template_id`.
 * No template quotes an address: a restricted person's new address must never appear in a
 * message, and nobody needs it read back to them to know their change was recorded.
 */
export interface NotifyTemplate {
  id: string;
  type: 'email' | 'sms';
  version: number;
  /** Email only. */
  subject?: string;
  body: string;
}

export const NOTIFY_TEMPLATES: readonly NotifyTemplate[] = [
  {
    id: '3f1c8a2e-6b0d-4f57-9a3e-1d2b7c4e5f60',
    type: 'email',
    version: 1,
    subject: 'We have updated your address',
    body:
      'Dear ((name)),\n\nWe have recorded your change of address from ((effective_date)). We are telling every part of the Department for Work and Pensions that pays you, so you do not need to tell them again.\n\nYour reference is ((reference)).\n\nIf you did not report this change, contact us straight away.',
  },
  {
    id: '7a2d9c41-0e8b-4c3f-b5a6-2e9f1d0c8b73',
    type: 'sms',
    version: 1,
    body: 'DWP: we have recorded your change of address from ((effective_date)) and are telling every benefit that pays you. Reference ((reference)). Not you? Contact us straight away.',
  },
  {
    id: 'c58e0b17-9d2a-4e61-8f3c-5a7b2d9e0f14',
    type: 'email',
    version: 1,
    subject: 'We have updated your contact details',
    body:
      'Dear ((name)),\n\nWe have recorded your new contact details from ((effective_date)). We are telling every part of the Department for Work and Pensions that keeps them.\n\nYour reference is ((reference)).\n\nIf you did not report this change, contact us straight away.',
  },
  {
    id: 'e06b4f93-2c1d-4a8e-9b7f-3d5c6a1e2b08',
    type: 'sms',
    version: 1,
    body: 'DWP: we have recorded your new contact details from ((effective_date)). Reference ((reference)). Not you? Contact us straight away.',
  },
  {
    id: '91d7e3a5-4f2b-4c0d-a6e8-7b1c9f3d5e22',
    type: 'email',
    version: 1,
    subject: 'You told us about a death',
    body:
      'Dear ((name)),\n\nThank you for telling us that ((deceased_name)) has died. We are sorry for your loss. We are telling every part of the Department for Work and Pensions that paid them; their payments stop from the day after their death.\n\nYour reference is ((reference)).',
  },
  {
    id: '2b8f6d04-7e3a-4d91-8c5b-0a4e2f7d9c36',
    type: 'sms',
    version: 1,
    body: 'DWP: thank you for telling us that ((deceased_name)) has died. We are telling every benefit that paid them. Reference ((reference)).',
  },
];

const PLACEHOLDER = /\(\(([A-Za-z0-9_ -]+)\)\)/g;

// Notify matches personalisation keys to placeholders whatever their case.
const byName = (personalisation: Readonly<Record<string, string>>) => new Map(Object.entries(personalisation).map(([key, value]) => [key.toLowerCase(), value]));

/** The placeholders of a template's subject and body that `personalisation` gives no value for, each once. */
export function missingPersonalisation(template: NotifyTemplate, personalisation: Readonly<Record<string, string>>): string[] {
  const values = byName(personalisation);
  const names = [...`${template.subject ?? ''}\n${template.body}`.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
  return [...new Set(names.filter((name) => !values.has(name.toLowerCase())))];
}

/** Fills `((name))` placeholders with the values given, used as they are. */
export function renderTemplate(text: string, personalisation: Readonly<Record<string, string>>): string {
  const values = byName(personalisation);
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name.toLowerCase()) ?? whole);
}
