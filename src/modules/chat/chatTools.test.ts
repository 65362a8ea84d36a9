import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import { testDomain } from '../../../test/chat/testDomain.ts';
import type { AppContext } from '../../core/context.ts';
import { createMemoryCallLimiter } from '../tools/index.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { createChatToolset, type ChatToolset } from './chatTools.ts';

describe('the tools a chat message is offered', () => {
  let ctx: AppContext;
  let toolset: ChatToolset;
  beforeAll(async () => {
    ctx = await createTestContext();
    toolset = createChatToolset(
      createToolRegistry(ctx, [testDomain().domain], { limiter: createMemoryCallLimiter({ perMinute: 1_000 }) }),
    );
  });
  afterAll(() => ctx?.close());

  const user = { sub: 'ann', role: 'user' as const };

  it('are those of the role, the same list for every message of that role', () => {
    const offered = toolset.offered(user);
    expect(offered.map(({ tool }) => tool)).toEqual(['testkit.echo', 'testkit.wait']);
    expect(toolset.offered({ sub: 'bob', role: 'user' })).toBe(offered);
  });

  it('are, of the tools a message chose, those its role may call: the same list for the same choice', () => {
    const chosen = toolset.offered(user, new Set(['testkit.echo', 'testkit.admin_report']));
    expect(chosen.map(({ tool }) => tool)).toEqual(['testkit.echo']);
    expect(toolset.offered(user, new Set(['testkit.echo', 'testkit.admin_report']))).toBe(chosen);
    expect(toolset.offered({ sub: 'root', role: 'admin' }, new Set(['testkit.echo', 'testkit.admin_report']))).toEqual([
      expect.objectContaining({ tool: 'testkit.admin_report' }),
      expect.objectContaining({ tool: 'testkit.echo' }),
    ]);
  });
});
