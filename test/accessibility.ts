import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { JSDOM } from 'jsdom';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One line per violation: the rule, and the markup of each element that breaks it. */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.html).join(' | ')})`);
}

/**
 * Rules jsdom cannot decide: colour contrast needs layout and canvas, which jsdom lacks (axe
 * would only report them as incomplete, after a slow search). Contrast is the palette's: the
 * GOV.UK colours the pages use pass AA.
 */
const NEEDS_LAYOUT = { 'color-contrast': { enabled: false }, 'color-contrast-enhanced': { enabled: false } };

/** WCAG 2.2 A and AA, and axe's best practices, less what jsdom cannot lay out. */
export const AXE_OPTIONS = { runOnly: { type: 'tag' as const, values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules: NEEDS_LAYOUT };

/** Runs axe-core's WCAG 2.2 A and AA rules over a whole HTML page in a DOM of its own, with no script of the page's run. */
export async function accessibilityViolations(html: string): Promise<string[]> {
  const dom = new JSDOM(html, { runScripts: 'outside-only', pretendToBeVisual: true });
  try {
    dom.window.eval(axeSource);
    const axe = (dom.window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
    const results = await axe.run(dom.window.document, AXE_OPTIONS);
    return describeViolations(results.violations);
  } finally {
    dom.window.close();
  }
}
