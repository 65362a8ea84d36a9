import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading, SignInHint } from '../components/Notice.tsx';
import { Readable } from '../components/Readable.tsx';
import { formParameters, type JsonSchema, SchemaForm } from '../components/SchemaForm.tsx';
import { executeTool, getJson, type ToolAnswer } from '../lib/api.ts';
import { mount } from '../lib/mount.tsx';
import { useSignInNeeded } from '../lib/session.ts';
import { settings } from '../lib/settings.ts';

interface Tool {
  name: string;
  title: string;
  description: string;
  role: string;
  domain: string;
  input_schema: JsonSchema;
}

function ToolRunner({ tool }: { tool: Tool }) {
  const [answer, setAnswer] = useState<ToolAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const signInNeeded = useSignInNeeded(tool.role);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswer(await executeTool(tool.name, formParameters(event.currentTarget as HTMLFormElement)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card tool" id={tool.name.replace('.', '-')} data-tool={tool.name}>
      <summary>
        <span class="tool-name">{tool.name}</span> {tool.title}{' '}
        {tool.role !== 'guest' && <span class="badge">{tool.role}</span>}
      </summary>
      <p>{tool.description}</p>
      <form class="tool-form" onSubmit={onSubmit} aria-label={`Run ${tool.name}`}>
        <SchemaForm tool={tool.name} schema={tool.input_schema} />
        {signInNeeded ? (
          <SignInHint to={`run ${tool.name}`} />
        ) : (
          <button type="submit" disabled={busy}>
            {busy ? 'Running…' : 'Run'}
          </button>
        )}
      </form>
      <ErrorNote error={error} />
      {answer && (
        <section class="tool-result" aria-live="polite">
          <h3>
            {answer.error ? 'Error' : 'Result'} <span class="muted">({Math.round(answer.duration_ms)} ms)</span>
          </h3>
          {answer.error ? (
            <p class="error" role="alert">
              {answer.error.code}: {answer.error.message}
            </p>
          ) : (
            <Readable value={answer.result} />
          )}
        </section>
      )}
    </details>
  );
}

function Tools() {
  const [tools, setTools] = useState<Tool[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getJson<{ tools: Tool[] }>('/introspect')
      .then((body) => setTools(body.tools))
      .catch(setError);
  }, []);
  if (!tools) return error ? <ErrorNote error={error} /> : <Loading />;
  const domains = [...new Set(tools.map((t) => t.domain))];
  return (
    <>
      <h1>Tools</h1>
      <p>
        Every tool of the registry, run through <code>POST /execute</code> with your session
        {settings.env === 'dev' ? ' (tools above the guest role need you signed in)' : ' (sign in to run them)'}.
      </p>
      {domains.map((domain) => (
        <section key={domain}>
          <h2>{domain}</h2>
          {tools
            .filter((t) => t.domain === domain)
            .map((tool) => (
              <ToolRunner key={tool.name} tool={tool} />
            ))}
        </section>
      ))}
    </>
  );
}

mount(<Tools />);
