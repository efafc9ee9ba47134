import type { VerifyReport } from './types.ts';

/** The audit:verify report: one line per problem naming writer, sequence and entry (never an entry's content). */
export function formatVerifyReport(report: VerifyReport): string {
  const summary = `Checked ${report.entries} audit entr${report.entries === 1 ? 'y' : 'ies'} in ${report.chains} chain${report.chains === 1 ? '' : 's'}.`;
  if (report.ok) return `${summary}\nOK: every chain is intact.\n`;
  const lines = report.problems.map((p) => {
    const where = [`writer ${p.writerId}`, p.seq !== undefined ? `seq ${p.seq}` : undefined, p.entryId !== undefined ? `entry ${p.entryId}` : undefined]
      .filter((part) => part !== undefined)
      .join(', ');
    return `PROBLEM ${where}: ${p.problem}`;
  });
  return `${summary}\n${lines.join('\n')}\nFAILED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found.\n`;
}
