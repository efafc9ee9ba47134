/**
 * Whether a process of this id still exists: signal 0 reaches it, or it exists but belongs to
 * another user (EPERM). Not a positive whole number is no process at all: `kill(0, 0)` would
 * signal our own process group and say yes.
 */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
