import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';
import type { Config } from '../config.ts';

export interface SigningKeys {
  publicKey: CryptoKey;
  /** Present for generated dev keys or when JWT_PRIVATE_FILE is set; `token` refuses to sign without it. */
  privateKey?: CryptoKey;
  source: 'file' | 'generated-dev';
}

/**
 * JWT_PUBLIC_FILE (and optionally JWT_PRIVATE_FILE) when configured; otherwise
 * an RS256 dev key pair generated once under DATA_DIR/keys and reused after.
 */
export async function loadSigningKeys(config: Pick<Config, 'JWT_PUBLIC_FILE' | 'JWT_PRIVATE_FILE' | 'DATA_DIR'>): Promise<SigningKeys> {
  if (config.JWT_PUBLIC_FILE) {
    const publicKey = await importSPKI(readKeyFile(config.JWT_PUBLIC_FILE, 'JWT_PUBLIC_FILE'), 'RS256');
    const privateKey = config.JWT_PRIVATE_FILE
      ? await importPKCS8(readKeyFile(config.JWT_PRIVATE_FILE, 'JWT_PRIVATE_FILE'), 'RS256')
      : undefined;
    return { publicKey, privateKey, source: 'file' };
  }
  const dir = join(config.DATA_DIR, 'keys');
  const publicPath = join(dir, 'jwt-public.pem');
  const privatePath = join(dir, 'jwt-private.pem');
  if (!existsSync(publicPath) || !existsSync(privatePath)) {
    const pair = await generateKeyPair('RS256', { extractable: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(privatePath, await exportPKCS8(pair.privateKey), { mode: 0o600 });
    writeFileSync(publicPath, await exportSPKI(pair.publicKey));
  }
  return {
    publicKey: await importSPKI(readFileSync(publicPath, 'utf8'), 'RS256'),
    privateKey: await importPKCS8(readFileSync(privatePath, 'utf8'), 'RS256'),
    source: 'generated-dev',
  };
}

function readKeyFile(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
