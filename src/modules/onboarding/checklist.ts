import { z } from 'zod';
import type { Principal } from '../../core/auth/auth.ts';
import type { AppContext } from '../../core/context.ts';
import { defineTool } from '../../core/tool.ts';

const step = z.object({
  id: z.string(),
  title: z.string(),
  done: z.boolean(),
  /** Production deployments need it; a laptop does not. */
  required_for_production: z.boolean(),
  detail: z.string().describe('what the platform sees now'),
  how: z.string().optional().describe('what to do, when the step is not done'),
});

const output = z.object({
  user: z.string(),
  completed: z.number(),
  total: z.number(),
  steps: z.array(step),
});

type Step = z.infer<typeof step>;

const check = (id: string, title: string, done: boolean, required: boolean, detail: string, how: string): Step => ({
  id,
  title,
  done,
  required_for_production: required,
  detail,
  ...(!done && { how }),
});

/** What the checklist reads besides the context: the stored items and the caller's follows. */
export interface ChecklistReads {
  countItems(): Promise<number>;
  followedBy(userId: string): Promise<string[]>;
}

/** Each step is read from the running platform (or the caller's own data), never assumed. */
async function steps(
  { config, db, cache, bus }: AppContext,
  reads: ChecklistReads,
  principal: Principal,
): Promise<Step[]> {
  const [items, followed] = await Promise.all([reads.countItems(), reads.followedBy(principal.sub)]);
  return [
    check(
      'token',
      'Sign in with a platform token',
      true,
      true,
      `signed in as ${principal.sub} (${principal.role})`,
      '',
    ),
    check(
      'database',
      'Use PostgreSQL',
      db.kind === 'postgres',
      true,
      `database: ${db.kind}`,
      'set DATABASE_URL to a PostgreSQL URL; the embedded PGlite under DATA_DIR is for development',
    ),
    check(
      'signing_keys',
      'Configure your own signing keys',
      Boolean(config.JWT_PUBLIC_FILE),
      true,
      config.JWT_PUBLIC_FILE ? `verifying with ${config.JWT_PUBLIC_FILE}` : 'using the generated development key pair',
      'generate an RS256 key pair and set JWT_PUBLIC_FILE (and JWT_PRIVATE_FILE where tokens are signed)',
    ),
    check(
      'cache',
      'Share a Redis cache',
      cache.kind === 'redis',
      true,
      `cache: ${cache.kind}`,
      'set CACHE_URL (and SLAVE_CACHE_URL for a read replica) so nodes share the cache and rate limits',
    ),
    check(
      'bus',
      'Connect the RabbitMQ bus',
      bus.kind === 'rabbitmq',
      false,
      `bus: ${bus.kind}`,
      'set RABBIT_URL when running more than one node',
    ),
    check(
      'intelligence',
      'Have intelligence in the feed',
      items > 0,
      false,
      `${items} intelligence item(s) stored`,
      'keep DEMO_DATA=true, run `alphanest seed-demo`, or start the agents',
    ),
    check(
      'follow_agents',
      'Follow at least one agent',
      followed.length > 0,
      false,
      followed.length ? `following ${followed.join(', ')}` : 'following no agent yet',
      'follow an agent on the live stream to get its items pushed to you',
    ),
    check(
      'market_data',
      'Use live market data',
      config.MARKET_DATA === 'coingecko',
      false,
      `market data: ${config.MARKET_DATA}`,
      'set MARKET_DATA=coingecko (and COINGECKO_API_KEY for higher limits)',
    ),
  ];
}

export function checklistTool(ctx: AppContext, reads: ChecklistReads) {
  return defineTool({
    name: 'onboarding.checklist',
    title: 'Your setup checklist',
    description:
      'Your progress through setting AlphaNest up, each step read from the running platform and your own account: what is done, what each step sees now, and how to finish the rest.',
    input: z.object({}),
    output,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    role: 'user',
    timeoutMs: 5_000,
    examples: [{ description: 'Where do I stand?', input: {} }],
    async handler(_input, { principal }) {
      // The registry has already refused guests (role 'user'); this keeps the type honest.
      if (!principal) throw new Error('onboarding.checklist needs a signed-in caller');
      const list = await steps(ctx, reads, principal);
      return { user: principal.sub, completed: list.filter((s) => s.done).length, total: list.length, steps: list };
    },
  });
}
