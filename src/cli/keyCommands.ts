import { resolve, sep } from 'node:path';
import { KeyFileExistsError, writeKeyPair } from '../core/auth/keyFiles.ts';
import { type Command, UsageError } from './command.ts';

export const keyCommands: Record<string, Command> = {
  keys: {
    usage: 'generate --out DIR',
    summary: 'write a production RS256 key pair into DIR (jwt-private.pem mode 0600, jwt-public.pem)',
    options: { out: { type: 'string' } },
    async run({ positionals, values, config }) {
      if (positionals.length !== 1 || positionals[0] !== 'generate')
        throw new UsageError('keys takes one action: generate --out DIR');
      if (typeof values.out !== 'string' || !values.out) throw new UsageError('--out DIR is required');
      const out = resolve(values.out);
      // Production refuses any key under DATA_DIR/keys as a generated dev key, wherever it came from.
      const devKeys = resolve(config().DATA_DIR, 'keys');
      if (out === devKeys || out.startsWith(devKeys + sep))
        throw new UsageError(
          `--out: ${out} is where dev keys live (DATA_DIR/keys), which production refuses; choose another folder`,
        );
      try {
        const { publicFile, privateFile } = await writeKeyPair(out, { overwrite: false });
        process.stdout.write(
          `RS256 key pair written; give the platform the public key, and the private key only where tokens are signed:\nJWT_PUBLIC_FILE=${publicFile}\nJWT_PRIVATE_FILE=${privateFile}\n`,
        );
      } catch (err) {
        // mkdir's own words ("EEXIST: file already exists, mkdir …") do not say which argument is wrong.
        const { code } = err as NodeJS.ErrnoException;
        if (code === 'EEXIST' || code === 'ENOTDIR')
          throw new UsageError(
            `--out: ${out} is not a folder (a file is in its place or above it); nothing was written`,
          );
        // Any other refusal of the folder (ENOENT under /proc, EACCES): said of --out, not as mkdir's bare words.
        if (code) throw new UsageError(`--out: cannot write the key pair into ${out} (${code})`);
        if (!(err instanceof KeyFileExistsError)) throw err;
        process.stderr.write(
          `alphanest: keys generate: ${err.message} in ${out}; nothing was written (move them away first)\n`,
        );
        return 1;
      }
    },
  },
};
