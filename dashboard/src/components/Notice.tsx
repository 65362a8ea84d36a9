import type { ComponentChildren } from 'preact';

/** A failure said in words, announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ children = 'Loading…' }: { children?: ComponentChildren }) {
  return (
    <p class="muted" aria-live="polite">
      {children}
    </p>
  );
}

/** In place of a control that would fail for a guest: where to sign in, coming back to this page afterwards. */
export function SignInHint({ to }: { to: string }) {
  const next = encodeURIComponent(`${location.pathname}${location.search}${location.hash}`);
  return (
    <p class="sign-in-hint">
      <a href={`/login?next=${next}`}>Sign in</a> to {to}.
    </p>
  );
}
