import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadDocSections } from './docSections.ts';
import { helpTool } from './help.ts';
import questions from './setupQuestions.json' with { type: 'json' };

/** The repository root, where README.md and docs/ live. */
const REPO_ROOT = new URL('../../../', import.meta.url);

interface Answered {
  answer: string;
  sections: Array<{ source: string; heading: string; link: string }>;
}

/**
 * The ranking measured on setup questions as people type them (typos and
 * synonyms included), each with the doc sections that answer it and, for a
 * setting, the variable an answer should lead with. Against the real README
 * and docs/, so a doc edit that moves an answer shows here.
 */
describe('onboarding.help on setup questions', () => {
  const tool = helpTool(() => loadDocSections(REPO_ROOT));
  const context = { principal: null, logger: pino({ level: 'silent' }), signal: new AbortController().signal };

  it('finds the section that answers, and leads with its variable', async () => {
    let top1 = 0;
    let top3 = 0;
    let leads = 0;
    const misses: string[] = [];
    for (const { question, sections, variable } of questions as Array<{
      question: string;
      sections: string[];
      variable?: string;
    }>) {
      const { answer, sections: found } = (await tool.handler({ question, limit: 3 }, context)) as Answered;
      const ranks = found.map((s) => sections.includes(`${s.source}#${s.heading}`));
      if (ranks[0]) top1++;
      if (ranks.some(Boolean)) top3++;
      else misses.push(`${question} → ${found.map((s) => `${s.source}#${s.heading}`).join(', ') || 'nothing'}`);
      if (variable && answer.split('\n## ')[0]!.includes(`\`${variable}\``)) leads++;
    }
    const withVariable = questions.filter((q) => 'variable' in q).length;
    const rate = (n: number, of: number) => `${n}/${of} (${Math.round((100 * n) / of)}%)`;
    console.info(
      `setup questions: top-1 ${rate(top1, questions.length)}, top-3 ${rate(top3, questions.length)}, ` +
        `answer leads with the variable ${rate(leads, withVariable)}${misses.length ? `\nmissed:\n${misses.join('\n')}` : ''}`,
    );
    // When this set was written, whole sections ranked 16 first and 24 in the top 3, and no answer led
    // with a variable; table rows, synonyms and spelling made it 41, 44 and 38 of 40, a section whose heading the
    // question names before a row mentioning it 42, 44 and 38 (44, 46 and 39 of 47 and 41 with the tester's two added). The floors leave
    // room for doc edits, not for a ranking that loses a third of that.
    expect(top1).toBeGreaterThanOrEqual(38);
    expect(top3).toBeGreaterThanOrEqual(42);
    expect(leads).toBeGreaterThanOrEqual(35);
  });

  it('answers the tester’s questions with the variable, an example and the section', async () => {
    const redis = (await tool.handler({ question: 'how do I set up redis', limit: 3 }, context)) as Answered;
    expect(redis.answer).toMatch(
      /^Set `CACHE_URL` \(e\.g\. `CACHE_URL=redis:\/\/127\.0\.0\.1:6379`\): Redis master.*\n(.*\n)?See \[AlphaNest › Configuration\]\(README\.md#configuration\)\.\n\n## /,
    );
    expect(redis.sections[0]).toMatchObject({
      source: 'README.md',
      heading: 'Configuration',
      link: 'README.md#configuration',
    });
    const postgres = (await tool.handler(
      { question: 'use PostgreSQL instead of PGlite', limit: 3 },
      context,
    )) as Answered;
    expect(postgres.answer).toMatch(/^Set `DATABASE_URL` \(e\.g\. `DATABASE_URL=postgresql:\/\//);
    expect(postgres.sections[0]).toMatchObject({ source: 'README.md', heading: 'Configuration' });
  });

  it('leads an answer about a key with the switch that turns it on and the secrets store that can hold it', async () => {
    const openai = (await tool.handler(
      { question: 'where do I set my OpenAI API key?', limit: 3 },
      context,
    )) as Answered;
    const lead = openai.answer.split('\n\n')[0]!.split('\n');
    expect(lead[0]).toBe('Set `LLM_PROVIDER` (e.g. `LLM_PROVIDER=openai`): `local` or `openai`');
    // The key asked about first and alone exemplified: not an Ollama URL.
    expect(lead[1]).toMatch(
      /^Set `OPENAI_API_KEY` \/ `OPENAI_BASE_URL` \/ `LLM_MODEL` \(e\.g\. `OPENAI_API_KEY=sk-…`\): /,
    );
    expect(lead[2]).toContain("the secrets store's `openai` entry");
    expect(lead[2]).toContain('`alphanest secrets put openai api_key=…`');
    expect(lead[3]).toBe('See [AI chat › Providers](docs/chat.md#providers).');
    expect(openai.sections[0]).toMatchObject({ source: 'docs/chat.md', heading: 'Providers' });
  });

  it('leads a how-to answer with what the best sections tell to use, before a setting that only mentions the word', async () => {
    const nginx = (await tool.handler(
      { question: 'how do I deploy alphanest behind nginx?', limit: 3 },
      context,
    )) as Answered;
    const lead = nginx.answer.split('\n\n')[0]!.split('\n');
    expect(lead[0]).toBe('`deploy/nginx/`: see [Deployment › nginx](docs/deployment.md#nginx).');
    // The topology as processes, whichever section says it first (README's Deployment or docs/deployment.md's cluster).
    expect(lead.some((line) => line.startsWith('`npm run cluster`: see '))).toBe(true);
    expect(lead.findIndex((line) => line.includes('`TRUST_PROXY=1`'))).toBeGreaterThan(1);
    expect(nginx.sections[0]).toMatchObject({ source: 'docs/deployment.md', heading: 'nginx' });
  });

  it('leads an answer about a feed of my own with the sources that read it and the feeds variable', async () => {
    const rss = (await tool.handler({ question: 'how do I add my own RSS feed?', limit: 3 }, context)) as Answered;
    const lead = rss.answer.split('\n\n')[0]!.split('\n');
    // RSS_FEEDS alone does nothing under the default AGENT_SOURCES=replay: no live source runs.
    expect(lead[0]).toMatch(/^Set `AGENT_SOURCES` \(e\.g\. `AGENT_SOURCES=live`\): /);
    expect(lead[1]).toMatch(/^Set `RSS_FEEDS` \(e\.g\. `RSS_FEEDS=https:/);
    expect(lead.at(-1)).toBe('See [Agents, sources and ingestion › Sources](docs/agents.md#sources).');
  });

  it('leads with a tuning knob only after the setting it tunes, or alone for a question about a limit', async () => {
    const lead = async (question: string) =>
      ((await tool.handler({ question, limit: 3 }, context)) as Answered).answer.split('\n## ')[0]!;
    // STREAM_MAX_AGENTS bounds how many agents a connection follows: no answer to how to follow one.
    expect(await lead('how do I follow an agent?')).not.toContain('STREAM_MAX_AGENTS');
    expect(await lead('how many agents can I follow at most?')).toContain('`STREAM_MAX_AGENTS`');
    expect((await lead('how do I connect AlphaNest to my own postgres database?')).split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^Set `DATABASE_URL` /),
      expect.stringMatching(/^Set `DATABASE_CONNECT_TIMEOUT_MS` /),
    ]);
  });

  it('leads a request to make something with the command that makes it, before the settings its words name', async () => {
    const token = (await tool.handler(
      { question: 'How do I create a JWT token for a user?', limit: 2 },
      context,
    )) as Answered;
    expect(token.answer.split('\n')[0]).toBe(
      '`alphanest token --sub ID [--role user|agent|service|admin] [--agents a,b] [--ttl 1h]`: see [AlphaNest › Command line](README.md#command-line).',
    );
    expect(token.sections[0]).toMatchObject({ source: 'README.md', heading: 'Command line' });
    const account = (await tool.handler(
      { question: 'how do I create a service account', limit: 2 },
      context,
    )) as Answered;
    expect(account.answer).toMatch(/^`alphanest service-account create NAME /);
    // Asking how long tokens last makes nothing: the setting leads.
    const ttl = (await tool.handler({ question: 'how long are tokens valid', limit: 2 }, context)) as Answered;
    expect(ttl.answer).toMatch(/^Set `/);
  });
});
