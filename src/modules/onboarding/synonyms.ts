import { terms } from './searchTerms.ts';

/** Other spellings of what the docs name one way: searched as if the docs' own word had been typed. */
const ALIASES: Record<string, string[]> = {
  postgres: ['postgresql'],
  postgre: ['postgresql'],
  pg: ['postgresql'],
  psql: ['postgresql'],
  rabbitmq: ['rabbit'],
  k8s: ['kubernetes'],
  twitter: ['x'],
  otel: ['opentelemetry'],
  log: ['logging'],
};

/**
 * Words a user types for something the docs put otherwise: "broker" for the
 * RabbitMQ bus, "redis" beside "cache". They count less than the words typed,
 * so a section using the user's own word still wins.
 */
const RELATED: Record<string, string[]> = {
  postgresql: ['database'],
  postgres: ['database'],
  pg: ['database'],
  db: ['database'],
  redis: ['cache'],
  cache: ['redis'],
  broker: ['rabbit', 'bus'],
  amqp: ['rabbit'],
  queue: ['rabbit', 'bus'],
  bus: ['rabbit'],
  vault: ['secret'],
  secret: ['vault'],
  llm: ['openai', 'model'],
  openai: ['llm'],
  ollama: ['openai', 'llm'],
  gpt: ['openai', 'llm', 'model'],
  model: ['llm'],
  rpc: ['chain'],
  chain: ['rpc'],
  ethereum: ['chain', 'rpc'],
  eth: ['chain', 'rpc'],
  evm: ['chain', 'rpc'],
  tweet: ['x'],
  cpu: ['core', 'worker'],
  jaeger: ['opentelemetry', 'tracing'],
  jwt: ['token'],
  valid: ['age', 'expire'],
  expire: ['age', 'ttl'],
  string: ['url'],
  dsn: ['url', 'database'],
  address: ['url'],
  deploy: ['deployment'],
};

/**
 * Words of asking about any setting ("how do I set up …", "which env var …",
 * "default …"): they tell no section apart, yet a long section full of them
 * would win on them.
 */
const VAGUE = new Set(
  terms(
    'set up setup configure config connect connection change turn enable disable env var variable environment value setting default hold get put add make',
  ),
);

/** How much a related word counts beside a word the user typed, and a vague word. */
const RELATED_WEIGHT = 0.6;
const VAGUE_WEIGHT = 0.3;

/** A table of words as search terms ("redis" is searched as "redi"). */
const asTerms = (table: Record<string, string[]>) =>
  new Map(Object.entries(table).map(([word, others]) => [terms(word)[0]!, others.flatMap((other) => terms(other))]));
const ALIAS_TERMS = asTerms(ALIASES);
const RELATED_TERMS = asTerms(RELATED);

/** The terms to search for, each with its weight: the question's own and their aliases at 1 (vague ones less), related words at less. */
export function withSynonyms(typed: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => weights.set(term, Math.max(weight, weights.get(term) ?? 0));
  for (const term of typed) {
    const weight = VAGUE.has(term) ? VAGUE_WEIGHT : 1;
    add(term, weight);
    for (const alias of ALIAS_TERMS.get(term) ?? []) add(alias, weight);
  }
  for (const term of typed) for (const related of RELATED_TERMS.get(term) ?? []) add(related, RELATED_WEIGHT);
  return weights;
}
