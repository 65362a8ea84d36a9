/**
 * Writes datasets/replay.jsonl, the raw posts the replay source plays: five
 * weeks of the corpus the demo feed is cut from (src/modules/intelligence/corpus),
 * as news articles, X posts, exchange notices and on-chain alerts before any
 * analysis, with the chatter agents must drop. Strong stories are repeated by
 * other outlets within hours, lightly reworded: the near-duplicates a feed
 * must fold together. Deterministic: the same edition writes the same file
 * (src/modules/intelligence/corpus/corpus.test.ts checks the file is current).
 *
 *   node scripts/generate-replay.ts
 */
import { writeFileSync } from 'node:fs';
import { buildCorpus } from '../src/modules/intelligence/corpus/corpus.ts';
import { REPLAY_EDITION, replayLines } from '../src/modules/intelligence/corpus/editions.ts';
import { createSimulatedPrices } from '../src/modules/market/simulatedPrices.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';

const market = createSimulatedPrices(createTokenRegistry());
const lines = replayLines(buildCorpus({ ...REPLAY_EDITION, market }));
const file = new URL('../datasets/replay.jsonl', import.meta.url);
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} posts over ${REPLAY_EDITION.days} days to ${file.pathname}`);
