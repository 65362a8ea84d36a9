/**
 * The real Vault (or OpenBao) a run may be given: VAULT_TEST_ADDR, with VAULT_TEST_TOKEN a token that may
 * manage mounts, auth methods, policies and leases (a root token of a dev server). Without VAULT_TEST_ADDR
 * the suites run against the fake alone and say so; VAULT_TEST_ADDR without its token is a mistake, not a
 * reason to skip quietly.
 */
export function realVault(suite: string): { addr: string; token: string } | undefined {
  const { VAULT_TEST_ADDR: addr, VAULT_TEST_TOKEN: token } = process.env;
  if (!addr) {
    console.info(`${suite}: no real Vault in this run (VAULT_TEST_ADDR is unset); it ran against the fake Vault only`);
    return undefined;
  }
  if (!token) throw new Error('VAULT_TEST_ADDR is set but VAULT_TEST_TOKEN is not: the suite needs a token for it');
  return { addr: addr.replace(/\/+$/, ''), token };
}

/**
 * One call of Vault's HTTP API as an operator's setup makes it (`vault write`, `vault secrets enable`…):
 * the answer's JSON, or null for 204; any other status throws with what Vault said.
 */
export async function vaultCall(
  addr: string,
  token: string | undefined,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: object,
): Promise<Record<string, any> | null> {
  const res = await fetch(`${addr}/v1/${path}`, {
    method,
    headers: { ...(token && { 'x-vault-token': token }), 'content-type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as Record<string, any>);
}
