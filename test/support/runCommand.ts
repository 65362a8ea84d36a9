import { vi } from 'vitest';
import type { Command } from '../../src/cli/command.ts';
import type { Config } from '../../src/core/config.ts';

/** Runs a CLI command in process: the exit code it resolved with and what it wrote to stdout and stderr. */
export async function runCommand(
  command: Command,
  config: () => Config,
  positionals: string[],
  values: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await command.run({ positionals, values, config });
    return { code: code ?? 0, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
