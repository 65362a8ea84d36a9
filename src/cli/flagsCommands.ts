import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Command, UsageError } from './command.ts';
import { withPlatform } from './withPlatform.ts';

const USAGE = 'import FILE [--source NAME]';

export const flagsCommands: Record<string, Command> = {
  flags: {
    usage: USAGE,
    summary:
      'import flagged addresses (scam, mixer, sanctioned, phishing, exploit) from a CSV (chain,address,category,reason,source) or JSON file, whole or not at all',
    options: { source: { type: 'string' } },
    async run({ positionals, values, config }) {
      const [action, file, ...extra] = positionals;
      if (action !== 'import' || !file || extra.length) throw new UsageError(`flags ${USAGE}`);
      const source = values.source as string | undefined;
      if (source !== undefined && !/^\S.{0,99}$/.test(source.trim()))
        throw new UsageError('--source must be 1 to 100 characters');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new UsageError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code})`);
      }
      // JSON by its extension or its first character; anything else is read as CSV.
      const format = extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text) ? 'json' : 'csv';
      const { FlagFileError } = await import('../modules/wallet/index.ts');
      try {
        const result = await withPlatform(config(), (platform) =>
          platform.wallet.flags.importText(text, format, source?.trim()),
        );
        process.stdout.write(
          `${file}: ${result.imported} flagged address(es) imported (${result.created} new, ${result.updated} updated)\n`,
        );
      } catch (err) {
        if (!(err instanceof FlagFileError)) throw err;
        for (const p of err.problems) process.stderr.write(`${file}:${p.line}: ${p.field}: ${p.message}\n`);
        process.stderr.write(`alphanest: ${err.badRows} bad row(s) in ${file}; nothing imported\n`);
        return 1;
      }
    },
  },
};
