/**
 * Every legacy system, by the id its errors (`extensions.system`), config and the simulated
 * estate's prefix use, with the name people know it by. A module with no imports, so the
 * browser pages can bundle it to label a system's gap the same way the catalogue names it.
 */
export const LEGACY_SYSTEMS = ['cis', 'uc', 'pscs', 'disability', 'payments', 'postcodes', 'jsaps'] as const;
export type LegacySystem = (typeof LEGACY_SYSTEMS)[number];

export const LEGACY_SYSTEM_TITLES: Readonly<Record<LegacySystem, string>> = {
  cis: 'Customer Information System (CIS)',
  uc: 'Universal Credit full service',
  pscs: 'State Pension (Pension Strategy Computer System)',
  disability: 'Disability benefits (DLA, PIP, Attendance Allowance)',
  payments: 'Central Payment System',
  postcodes: 'Postcode and address look-up',
  jsaps: 'JSA, ESA and Income Support (JSAPS)',
};
