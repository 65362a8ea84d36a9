import { type ComponentChild, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SESSION_ENDED, signedInAs, signOut } from './session.ts';

function SessionLink() {
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  useEffect(() => {
    const onEnded = (event: Event) => setEndedBecause(String((event as CustomEvent).detail));
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => window.removeEventListener(SESSION_ENDED, onEnded);
  }, []);
  const user = signedInAs();
  const signIn = <a href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>Sign in</a>;
  if (endedBecause)
    return (
      <span class="session-ended" role="alert">
        Signed out ({endedBecause}). {signIn} again
      </span>
    );
  if (!user) return signIn;
  return (
    <span class="session">
      <span class="muted">{user}</span>{' '}
      <button
        type="button"
        class="link"
        onClick={() => {
          signOut();
          location.reload();
        }}
      >
        Sign out
      </button>
    </span>
  );
}

/** Renders a page's island into #app, and who is signed in into the header. */
export function mount(page: ComponentChild): void {
  const app = document.getElementById('app')!;
  app.removeAttribute('aria-busy');
  app.textContent = '';
  render(page, app);
  render(<SessionLink />, document.getElementById('session')!);
}
