import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/Notice.tsx';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { mount } from '../lib/mount.tsx';
import { signIn, signOut } from '../lib/session.ts';
import { settings } from '../lib/settings.ts';

/** Where to go once signed in: the page that sent the reader here, on this site only. */
function next(): string {
  const target = new URLSearchParams(location.search).get('next') ?? '/chat';
  // Resolved as the browser would follow it: `//host` and `/\host` are other sites, and so is any scheme.
  const url = new URL(target, location.origin);
  return url.origin === location.origin ? `${url.pathname}${url.search}${url.hash}` : '/chat';
}

/** Checks a token on a call that needs a user (the chat's conversation list) before keeping it. */
async function accept(token: string): Promise<void> {
  signIn(token);
  try {
    await getJson('/api/chat/conversations?size=1');
  } catch (err) {
    signOut();
    if (err instanceof ApiError && err.status === 401) throw new Error(`The token was refused: ${err.message}`);
    throw err;
  }
  location.assign(next());
}

function Login() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget as HTMLFormElement).get('token') ?? '').trim();
    if (!token) return setError(new Error('Paste an access token first.'));
    void run(() => accept(token));
  };
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <p>
        Paste a token the platform accepts (an administrator makes one with <code>alphanest token --sub you</code>). It
        stays in this browser tab only.
      </p>
      <form onSubmit={onSubmit} class="stack">
        <label for="token">Access token</label>
        <textarea id="token" name="token" rows={4} autocomplete="off" spellcheck={false} required />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {settings.env === 'dev' && (
        <p>
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void run(async () => accept((await postJson<{ token: string }>('/login/dev', {})).token))}
          >
            Sign in as a dev user
          </button>
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

mount(<Login />);
