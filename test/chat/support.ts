import type { Role } from '../../src/core/auth/auth.ts';
import { buildGateway } from '../../src/gateway.ts';
import { platformModules } from '../../src/platform.ts';
import { withToolDomains } from '../support/modules.ts';
import type { ToolDomain } from '../../src/core/tool.ts';
import { createTestContext, type TestContextOptions } from '../support/context.ts';
import { http } from '../support/gateway.ts';

/**
 * A gateway on a loopback port with its test context, and tokens for any
 * user. `domains` adds test tool domains to the platform's registry.
 */
export async function startChatGateway(options: TestContextOptions & { domains?: ToolDomain[] } = {}) {
  const ctx = await createTestContext(options);
  const platform = await withToolDomains(platformModules, options.domains ?? []).create(ctx);
  const app = await buildGateway(platform);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const gateway = {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closing = app.close();
      // A test client that aborted a fetch can leave a connection open that never sent a request;
      // the server would wait for it until its header timeout.
      app.server.closeAllConnections();
      await closing;
    },
  };
  const token = (sub: string, role: Role = 'user') => ctx.auth.sign({ sub, role }, '1h');
  return {
    ctx,
    url: gateway.url,
    token,
    /** POST /api/chat/message as `sub`. */
    send: async (sub: string, json: Record<string, unknown>) =>
      http(`${gateway.url}/api/chat/message`, { method: 'POST', token: await token(sub), json }),
    get: async (sub: string, path: string) => http(`${gateway.url}/api/chat${path}`, { token: await token(sub) }),
    async close() {
      await gateway.close();
      await ctx.close();
    },
  };
}

export type ChatGateway = Awaited<ReturnType<typeof startChatGateway>>;

export interface ServerSentEvent {
  event: string;
  data: any;
}

/** Reads a whole `text/event-stream` body into its frames, checking each is `event:` + one JSON `data:` line. */
export async function readEvents(response: Response): Promise<ServerSentEvent[]> {
  const text = await response.text();
  expectFramed(text);
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) };
    });
}

function expectFramed(text: string) {
  if (!/^(event: [a-z-]+\ndata: [^\n]+\n\n)*$/.test(text))
    throw new Error(`not a well-framed event stream:\n${text.slice(0, 500)}`);
}
