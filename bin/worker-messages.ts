/** What a cluster worker tells the supervisor (bin/supervisor.ts), over the cluster's IPC channel. */
export type WorkerMessage =
  | { readonly type: 'citizen-graph:listening'; readonly component: string; readonly url: string }
  | { readonly type: 'citizen-graph:ready' }
  /** Why it could not start, in one line a user can act on. */
  | { readonly type: 'citizen-graph:failed'; readonly message: string };

/** What the supervisor tells a worker: drain and exit. */
export const SHUTDOWN = { type: 'citizen-graph:shutdown' } as const;

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('citizen-graph:');
}
