import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configFromEnvironment, loadDotEnv } from '../core/bootstrap.ts';
import { speedUpModuleLoading } from '../core/moduleLoading.ts';
import { startupFailureLine } from '../core/startupFailure.ts';
import { startTracingIfConfigured } from '../telemetry/startTracing.ts';
import { failureText, UsageError, type Command } from './command.ts';

// Tracing patches http, pg and ioredis as they load, so the command table is imported after it starts (a static
// import would load it first; what a command runs on it imports itself, later still); its OTEL_* variables may sit
// in .env, which real ones override.
speedUpModuleLoading();
loadDotEnv();
const tracing = await startTracingIfConfigured(process.env);
const { commands } = await import('./commands.ts');

/**
 * `alphanest <command> [options]` (also `npm run cli -- …`). Every argument is
 * validated; a mistake prints what is wrong and the usage, and exits with 2.
 */
function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${`${name} ${c.usage}`.padEnd(46)} ${c.summary}`);
  return `usage: alphanest <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** One command's usage and summary, for `alphanest <command> --help`. */
const commandUsage = (name: string, command: Command) =>
  `usage: alphanest ${name} ${command.usage}\n\n${command.summary}\n`;

const helpFlags = ['--help', '-h'];

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || helpFlags.includes(name)) {
    // `alphanest help secrets` as `alphanest secrets --help`.
    const asked = rest.length === 1 ? commands[rest[0]!] : undefined;
    process.stdout.write(asked ? commandUsage(rest[0]!, asked) : usage());
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  // Asked anywhere before `--` (after it, an argument is a value): answered before anything is checked or run.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.some((arg) => helpFlags.includes(arg))) {
    process.stdout.write(commandUsage(name, command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    } satisfies ParseArgsConfig);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // Not echoed: a value typed without its option may be a token or a key.
  const stray = parsed.positionals.length;
  if (command.optionsOnly && stray)
    throw new UsageError(`${name} takes options only: ${stray} argument(s) given without an option before them`);
  return (
    (await command.run({
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      config: configFromEnvironment,
    })) ?? 0
  );
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== undefined && code !== 0) process.exitCode = code;
  // A command that ends by itself (migrate, agents run) leaves its last spans in the batch (`serve` flushes on its way out);
  // an unreachable collector does not fail a command that succeeded. Without tracing there is nothing to flush.
  if (tracing) await (await import('../telemetry/flush.ts')).flushTraces().catch(() => {});
} catch (err) {
  if (err instanceof UsageError) {
    // A mistake in a command's arguments is shown with that command's usage, not all of them.
    const [name] = process.argv.slice(2);
    const command = name === undefined ? undefined : commands[name];
    process.stderr.write(`alphanest: ${err.message}\n\n${command ? commandUsage(name!, command) : usage()}`);
    process.exitCode = 2;
  } else {
    const startupFailure = startupFailureLine(err);
    // An outage's answer names no address (it is what a client sees); the operator at the terminal gets its detail.
    process.stderr.write(`alphanest: ${startupFailure ?? failureText(err as Error)}\n`);
    process.exitCode = startupFailure === null ? 1 : 2;
  }
}
