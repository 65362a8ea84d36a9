import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { createAuth, AuthError } from './auth.ts';
import { loadSigningKeys } from './keys.ts';
import { tempDir } from '../../../test/support/tempDir.ts';

const keys = await loadSigningKeys({ DATA_DIR: tempDir('keys') });
const auth = createAuth(keys, { JWT_ISSUER: 'alphanest', JWT_AUDIENCE: 'traders', jwtMaxAgeSeconds: 86_400 });
/** A well-formed token from this issuer for this audience, signed with the dev key, with `claims` and `sub`. */
const signedToken = (claims: Record<string, unknown>, sub: string) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(sub)
    .setIssuer('alphanest')
    .setAudience('traders')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey!);
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err) => (err instanceof AuthError ? err.message : `crash: ${err}`),
  );

describe('JWT verification', () => {
  it('accepts a token it signed, with subject and role', async () => {
    const token = await auth.sign({ sub: 'alice', role: 'agent' }, '1h');
    expect(await auth.verify(token)).toEqual({ sub: 'alice', role: 'agent' });
  });

  it('carries the agents an agent token may publish as', async () => {
    const token = await auth.sign({ sub: 'radar', role: 'agent', agents: ['news-sentiment-radar'] }, '1h');
    expect(await auth.verify(token)).toEqual({ sub: 'radar', role: 'agent', agents: ['news-sentiment-radar'] });
  });

  it('reuses the generated dev keys on the next start', async () => {
    const dir = tempDir('keys');
    const first = createAuth(await loadSigningKeys({ DATA_DIR: dir }), { jwtMaxAgeSeconds: 86_400 });
    const second = createAuth(await loadSigningKeys({ DATA_DIR: dir }), { jwtMaxAgeSeconds: 86_400 });
    expect(await second.verify(await first.sign({ sub: 'bob', role: 'user' }, '5m'))).toEqual({
      sub: 'bob',
      role: 'user',
    });
  });

  it('rejects an expired token', async () => {
    const token = await new SignJWT({ role: 'user' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('a')
      .setIssuer('alphanest')
      .setAudience('traders')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(keys.privateKey!);
    expect(await reason(auth.verify(token))).toBe('token expired');
  });

  it('rejects a token signed by another key', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('a')
      .setIssuer('alphanest')
      .setAudience('traders')
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect(await reason(auth.verify(token))).toBe('token signature invalid');
  });

  it('rejects alg none', async () => {
    const token = new UnsecuredJWT({ role: 'admin' })
      .setSubject('a')
      .setIssuer('alphanest')
      .setAudience('traders')
      .setExpirationTime('1h')
      .encode();
    expect(await reason(auth.verify(token))).toBe('token algorithm not allowed (RS256 only)');
  });

  it('rejects HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(keys.publicKey));
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer('alphanest')
      .setAudience('traders')
      .setExpirationTime('1h')
      .sign(secret);
    expect(await reason(auth.verify(token))).toBe('token algorithm not allowed (RS256 only)');
  });

  it('rejects a wrong issuer or audience', async () => {
    const sign = (iss: string, aud: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('a')
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(keys.privateKey!);
    expect(await reason(auth.verify(await sign('someone-else', 'traders')))).toBe(
      'token claim "iss" invalid: check_failed',
    );
    expect(await reason(auth.verify(await sign('alphanest', 'others')))).toBe(
      'token claim "aud" invalid: check_failed',
    );
  });

  it('rejects garbage and unknown roles without crashing', async () => {
    expect(await reason(auth.verify('not.a.jwt'))).toBe('token malformed or unsupported');
    expect(await reason(auth.verify(await signedToken({ role: 'root' }, 'a')))).toBe('invalid claims: role');
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
    ['more than 256 characters', 'a'.repeat(257)],
  ])('rejects a subject with %s, which no store could keep', async (_, sub) => {
    expect(await reason(auth.verify(await signedToken({ role: 'user' }, sub)))).toBe('invalid claims: sub');
  });

  it('rejects a token without exp or iat, issued in the future, or older than JWT_MAX_AGE', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('a')
        .setIssuer('alphanest')
        .setAudience('traders');
    expect(await reason(auth.verify(await base().setIssuedAt().sign(keys.privateKey!)))).toBe(
      'token claim "exp" missing',
    );
    expect(await reason(auth.verify(await base().setExpirationTime('1h').sign(keys.privateKey!)))).toBe(
      'token claim "iat" missing',
    );
    expect(
      await reason(
        auth.verify(
          await base()
            .setIssuedAt(now + 3600)
            .setExpirationTime(now + 7200)
            .sign(keys.privateKey!),
        ),
      ),
    ).toMatch(/issued in the future/);
    // A signer whose clock runs a few seconds ahead is not "in the future".
    expect(
      await reason(
        auth.verify(
          await base()
            .setIssuedAt(now + 5)
            .setExpirationTime(now + 3600)
            .sign(keys.privateKey!),
        ),
      ),
    ).toBe('accepted');
    expect(
      await reason(
        auth.verify(
          await base()
            .setIssuedAt(now - 2 * 86_400)
            .setExpirationTime(now + 3600)
            .sign(keys.privateKey!),
        ),
      ),
    ).toMatch(/older than JWT_MAX_AGE/);
  });
});

describe('signing keys in production', () => {
  it('refuses a generated dev key, in place or copied elsewhere, unless unsafe defaults are allowed', async () => {
    const dataDir = tempDir('keys');
    await loadSigningKeys({ DATA_DIR: dataDir });
    const inPlace = join(dataDir, 'keys', 'jwt-public.pem');
    const copy = join(tempDir('copy'), 'public.pem');
    writeFileSync(copy, readFileSync(inPlace, 'utf8').replace(/\n/g, '\r\n'));
    for (const file of [inPlace, copy]) {
      await expect(loadSigningKeys({ DATA_DIR: dataDir, ENV: 'production', JWT_PUBLIC_FILE: file })).rejects.toThrow(
        /is a generated development key/,
      );
      await expect(
        loadSigningKeys({ DATA_DIR: dataDir, ENV: 'production', ALLOW_UNSAFE_DEFAULTS: true, JWT_PUBLIC_FILE: file }),
      ).resolves.toMatchObject({ source: 'file' });
    }
    const own = await generateKeyPair('RS256', { extractable: true });
    const ownFile = join(dataDir, 'own-public.pem');
    writeFileSync(ownFile, await exportSPKI(own.publicKey));
    await expect(
      loadSigningKeys({ DATA_DIR: dataDir, ENV: 'production', JWT_PUBLIC_FILE: ownFile }),
    ).resolves.toMatchObject({ source: 'file' });
  });
});

describe('key rotation', () => {
  it('signs with the new key at once; the one replaced verifies for the grace period only', async () => {
    let now = Date.now();
    const rotating = createAuth(
      await loadSigningKeys({ DATA_DIR: tempDir('keys') }),
      { jwtMaxAgeSeconds: 86_400 },
      () => now,
    );
    const before = await rotating.sign({ sub: 'a', role: 'user' }, '1h');
    const next = await generateKeyPair('RS256');
    rotating.useKeys({ publicKey: next.publicKey, privateKey: next.privateKey, source: 'secrets' }, 60);
    const after = await rotating.sign({ sub: 'b', role: 'user' }, '1h');
    expect(await rotating.verify(after)).toMatchObject({ sub: 'b' });
    expect(await rotating.verify(before)).toMatchObject({ sub: 'a' });
    now += 61_000;
    expect(await reason(rotating.verify(before))).toBe('token signature invalid');
    expect(await rotating.verify(after)).toMatchObject({ sub: 'b' });
  });

  it('refuses every token until a key is in use', async () => {
    const keyless = createAuth(undefined, { jwtMaxAgeSeconds: 86_400 });
    expect(keyless.canVerify).toBe(false);
    expect(await reason(keyless.verify(await auth.sign({ sub: 'a', role: 'user' }, '1h')))).toMatch(
      /^no key to verify/,
    );
    keyless.useKeys(keys, 0);
    expect(keyless.canVerify).toBe(true);
  });
});
