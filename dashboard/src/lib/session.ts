/** The signed-in user's token: in this tab's session storage only, sent as a bearer header, never in a URL. */
const KEY = 'alphanest.token';

export const sessionToken = (): string | null => sessionStorage.getItem(KEY);

export function signIn(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The token's subject, read from its payload for display only (the server verifies the token on every call). */
export function signedInAs(): string | null {
  const token = sessionToken();
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}
