import { z } from 'zod';
import { type Command, UsageError } from './command.ts';
import type { AlphaNest } from '../platform.ts';
import { withPlatform } from './withPlatform.ts';

const textSchema = z.string().trim().min(1, 'give the text to analyse').max(50_000, 'at most 50000 characters');

function sourcesLine(pipeline: Awaited<ReturnType<AlphaNest['agents']['pipelines']>>[string]): string {
  return pipeline.sources
    .map((s) => (s.type === 'replay' && s.kinds ? `replay(${s.kinds.join(',')})` : s.type))
    .join(', ');
}

export const agentCommands: Record<string, Command> = {
  analyse: {
    usage: '"<text>" [--title T] [--source KIND]',
    summary:
      'analyse one post and print the analysis (tokens, mentions, sentiment, event, value, summary, analysis) as one JSON object',
    options: { title: { type: 'string' }, source: { type: 'string' } },
    async run({ positionals, values, config }) {
      if (positionals.length !== 1) throw new UsageError('analyse takes the text as one argument (quote it)');
      const text = textSchema.safeParse(positionals[0]);
      if (!text.success) throw new UsageError(`text: ${text.error.issues[0]!.message}`);
      const kind = values.source as string | undefined;
      const [{ SOURCE_KINDS }, { createAnalysers }, { createTokenRegistry }, { createLogger }] = await Promise.all([
        import('../modules/analysis/index.ts'),
        import('../modules/agents/index.ts'),
        import('../modules/tokens/index.ts'),
        import('../core/logger.ts'),
      ]);
      if (kind !== undefined && !(SOURCE_KINDS as readonly string[]).includes(kind))
        throw new UsageError(`--source must be one of ${SOURCE_KINDS.join(', ')}`);
      const cfg = config();
      const { default: analyser } = createAnalysers(cfg, createTokenRegistry(), createLogger(cfg, process.stderr));
      const source = kind ? { kind: kind as (typeof SOURCE_KINDS)[number], name: kind } : undefined;
      const analysis = await analyser.analyse({ title: values.title as string | undefined, text: text.data, source });
      const { sentiment, event, value, summary } = analysis;
      const token = ({ symbol, name, chain, address, confidence }: (typeof analysis.tokens)[number]) => ({
        symbol,
        name,
        chain,
        address,
        confidence,
      });
      const result = {
        tokens: analysis.tokens.map(token),
        mentions: analysis.mentions.map(token),
        sentiment: { label: sentiment.label, score: sentiment.score },
        event: { type: event.type },
        value: { score: value.score, high_value: value.high_value, reasons: value.reasons },
        summary,
        analysis: analysis.analysis,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
  },
  agents: {
    usage: 'list [--json] | run <id> [--once]',
    summary: 'list the agents, or run one (one poll of each source with --once)',
    options: { json: { type: 'boolean', default: false }, once: { type: 'boolean', default: false } },
    async run({ positionals, values, config }) {
      const [action, id, ...extra] = positionals;
      if (action === 'list' && id === undefined) {
        const { agentCatalogue } = await import('../modules/intelligence/index.ts');
        const pipelines = await withPlatform(config(), (platform) => platform.agents.pipelines());
        const rows = agentCatalogue.map((agent) => {
          const pipeline = pipelines[agent.id];
          return {
            id: agent.id,
            name: agent.name,
            enabled: pipeline?.enabled ?? null,
            analyser: pipeline?.analyser ?? null,
            sources: pipeline ? sourcesLine(pipeline) : null,
          };
        });
        if (values.json) return void process.stdout.write(`${JSON.stringify(rows)}\n`);
        const lines = rows.map(
          (r) =>
            `${r.id.padEnd(22)}${r.name.padEnd(24)}${(r.enabled === null ? '-' : r.enabled ? 'enabled' : 'disabled').padEnd(10)}${(r.analyser ?? '-').padEnd(10)}${r.sources ?? '(no pipeline)'}`,
        );
        return void process.stdout.write(
          `${'ID'.padEnd(22)}${'NAME'.padEnd(24)}${'STATE'.padEnd(10)}${'ANALYSER'.padEnd(10)}SOURCES\n${lines.join('\n')}\n`,
        );
      }
      if (action !== 'run' || id === undefined || extra.length)
        throw new UsageError('agents takes "list" or "run <id>"');
      const { agentIdSchema, createAgentsComponent } = await import('../modules/agents/index.ts');
      if (!agentIdSchema.safeParse(id).success)
        throw new UsageError('agent id must be a lower-case agent id (see agents list)');
      if (!values.once) {
        const [{ runNode }, { platformModules }] = await Promise.all([
          import('../runtime/node.ts'),
          import('../platform.ts'),
        ]);
        // Named for the agent it runs: the node's start line names its components, and `agents` names none.
        const component = { ...createAgentsComponent({ only: id }), name: `agent ${id}` };
        return void (await runNode(config(), [platformModules.bind('agents', component)]));
      }
      const reports = await withPlatform(config(), (platform) => platform.agents.runOnce(id));
      process.stdout.write(`${JSON.stringify({ agent: id, sources: reports })}\n`);
      return reports.some((r) => 'error' in r) ? 1 : 0;
    },
  },
};
