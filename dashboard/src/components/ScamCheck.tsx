import { useState } from 'preact/hooks';
import { executeTool } from '../lib/api.ts';
import { useSignInNeeded } from '../lib/session.ts';
import { ErrorNote, SignInHint } from './Notice.tsx';

interface Verdict {
  level: string;
  score: number;
  findings: { id: string; severity: string; title: string; evidence: string }[];
}

/** The naughty_coin verdict for an on-chain token, run on request (a check makes dozens of RPC calls). */
export function ScamCheck({ symbol, chain, address }: { symbol: string; chain: string; address: string }) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const signInNeeded = useSignInNeeded('guest' /* naughty_coin.check_token's role */);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await executeTool('naughty_coin.check_token', { chain, address });
      if (answer.error) throw new Error(answer.error.message);
      setVerdict(answer.result as Verdict);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card scam-check" data-address={address}>
      <p>
        <strong>{symbol}</strong> <span class="muted">{chain}</span> <code class="wrap">{address}</code>
      </p>
      {verdict ? (
        <>
          <p aria-live="polite">
            <span class={`badge level-${verdict.level}`}>{verdict.level}</span> risk score {verdict.score} / 100
          </p>
          <ul>
            {verdict.findings.map((f) => (
              <li key={f.id}>
                <span class="muted">{f.severity}</span> {f.title}
              </li>
            ))}
          </ul>
        </>
      ) : signInNeeded ? (
        <SignInHint to="check it for scam patterns" />
      ) : (
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? 'Checking…' : 'Check for scam patterns'}
        </button>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
