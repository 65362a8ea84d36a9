import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../core/config.ts';

interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Reads and validates the configuration (exits with the problem list when invalid). */
  config: () => Config;
}

export interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Takes options only: an argument without an option before it is a mistake (`token --sub a admin`), refused. */
  optionsOnly?: true;
  /** Resolves with the exit code (0 when omitted); long-running commands resolve once started. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most commands are async functions that return nothing, i.e. Promise<void>
  run(input: CommandInput): Promise<number | void>;
}

/**
 * What the command line says of a failure: an outage's detail (a `detail` such as Vault's address and what the
 * connection met, which the message a client sees leaves out), else its message.
 */
export function failureText(err: Error): string {
  const { detail } = err as Error & { detail?: unknown };
  return typeof detail === 'string' ? detail : err.message;
}

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}
