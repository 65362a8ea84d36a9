import { useEffect, useState } from 'preact/hooks';
import { settings } from './settings.ts';

/** The signed-in user's token: in this tab's session storage only, sent as a bearer header, never in a URL. */
const KEY = 'alphanest.token';

export const sessionToken = (): string | null => sessionStorage.getItem(KEY);

export function signIn(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Fired on `window` when the platform refuses the tab's token; its `detail` is the platform's reason. */
export const SESSION_ENDED = 'alphanest:session-ended';

/**
 * The platform refused the token (it expired, or its key was rotated): it is dropped, so the pages go on as a guest's
 * rather than failing every call with it, and the header says why the reader was signed out.
 */
export function endSession(reason: string): void {
  signOut();
  window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: reason }));
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

/**
 * The tab's token as a component's state: a page that decided on it when it loaded would otherwise go on offering what
 * only a signed-in user can do after the platform refused the token (endSession), until a reload.
 */
export function useSessionToken(): string | null {
  const [token, setToken] = useState(sessionToken);
  useEffect(() => {
    const onEnded = () => setToken(null);
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => window.removeEventListener(SESSION_ENDED, onEnded);
  }, []);
  return token;
}

/**
 * Whether a visitor must sign in before running a tool of this role: the tool server runs a call without a token only
 * in development, from its own machine (docs/mcp.md), so a guest elsewhere, or a guest and a tool above the guest
 * role anywhere, would only get a 401. Signed in, the token goes with the call and the tool's role decides. Decided
 * again when the session ends mid-page.
 */
export function useSignInNeeded(role: string): boolean {
  const token = useSessionToken();
  return !token && (role !== 'guest' || settings.env !== 'dev');
}
