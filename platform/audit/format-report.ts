import type { VerifyReport } from './types.ts';

/** The audit:verify report: one line per problem naming writer, sequence and entry, or the checkpoint file line (never an entry's content). */
export function formatVerifyReport(report: VerifyReport): string {
  const summary = `Checked ${report.entries} audit entr${report.entries === 1 ? 'y' : 'ies'} in ${report.chains} chain${report.chains === 1 ? '' : 's'}${checkpointSummary(report)}.`;
  if (report.ok) return `${summary}\nOK: every chain is intact.\n`;
  const lines = report.problems.map((p) => {
    const where = [
      p.checkpointLine !== undefined ? `checkpoint file line ${p.checkpointLine}` : undefined,
      p.writerId !== undefined ? `writer ${p.writerId}` : undefined,
      p.seq !== undefined ? `seq ${p.seq}` : undefined,
      p.entryId !== undefined ? `entry ${p.entryId}` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    return where ? `PROBLEM ${where}: ${p.problem}` : `PROBLEM ${p.problem}`;
  });
  return `${summary}\n${lines.join('\n')}\nFAILED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found.\n`;
}

/** How much the signed checkpoints vouch for, and the window they cannot: entries written since each writer's last checkpoint. */
function checkpointSummary(report: VerifyReport): string {
  if (!report.checkpoints) return '';
  const { signed, uncoveredEntries } = report.checkpoints;
  const against = ` against ${signed} signed checkpoint${signed === 1 ? '' : 's'}`;
  return uncoveredEntries === 0
    ? against
    : `${against}; ${uncoveredEntries} entr${uncoveredEntries === 1 ? 'y is' : 'ies are'} newer than the last checkpoint and checked by chain and head only`;
}
