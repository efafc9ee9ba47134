import { ConfigError } from '../platform/config/index.ts';

/** A port some other process already holds, named with the setting that moves it: what a user can act on. */
export class PortInUseError extends Error {
  constructor(port: number, setting: string) {
    super(`Port ${port} is already in use (is Citizen Graph already running?). Stop whatever holds it, or set ${setting} to another port.`);
    this.name = 'PortInUseError';
  }
}

/** Runs `listen`, turning EADDRINUSE into a PortInUseError naming `setting`. */
export async function onPort<T>(setting: string, port: number, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, setting);
    throw error;
  }
}

/** A start-up failure the user can act on, as the words to print (no stack trace); undefined for anything else. */
export function explainStartFailure(error: unknown): string | undefined {
  return error instanceof PortInUseError || error instanceof ConfigError ? error.message : undefined;
}
