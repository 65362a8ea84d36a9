import { type ComponentChild, render } from 'preact';
import { signedInAs, signOut } from './session.ts';

function SessionLink() {
  const user = signedInAs();
  if (!user) return <a href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>Sign in</a>;
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
