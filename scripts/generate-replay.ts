/**
 * Writes datasets/replay.jsonl: a few thousand realistic raw posts (news, X
 * posts, exchange announcements, on-chain alerts) over two weeks, for the
 * replay source. About a third of the newsworthy stories are repeated by
 * 1–3 more outlets within hours, lightly rewritten, as aggregators and
 * syndication do: the near-duplicate clusters a feed must fold together.
 * Deterministic: the same seed gives the same file.
 *
 *   node scripts/generate-replay.ts
 */
import { writeFileSync } from 'node:fs';
import { createRandom, type Random } from './replay/random.ts';
import { STORY_MIX, type Story } from './replay/stories.ts';
import { NEWS_ACCOUNTS, ONCHAIN_SOURCES, OUTLETS, userHandle } from './replay/vocabulary.ts';

const SEED = 20_250_301;
const STORIES = 2_600;
const SPAN_SECONDS = 14 * 24 * 3600;
const CLUSTER_SHARE = 0.55;

interface ReplayPost {
  source: { kind: Story['channel']; name: string; url?: string; author?: string };
  external_id: string;
  title?: string;
  text: string;
  offset_seconds: number;
}

const r = createRandom(SEED);
const totalWeight = STORY_MIX.reduce((sum, [, weight]) => sum + weight, 0);
let serial = 0;

function pickMaker(random: Random) {
  let roll = random.next() * totalWeight;
  for (const [maker, weight] of STORY_MIX) {
    roll -= weight;
    if (roll < 0) return maker;
  }
  return STORY_MIX[0]![0];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

function post(
  story: Pick<Story, 'channel' | 'title' | 'text' | 'publisher'>,
  offset: number,
  outlet?: (typeof OUTLETS)[number],
): ReplayPost {
  const id = ++serial;
  const base = { title: story.title, text: story.text, offset_seconds: offset };
  switch (story.channel) {
    case 'news': {
      const site = outlet ?? r.pick(OUTLETS);
      const path = `${slug(story.title ?? story.text)}-${id}`;
      return {
        source: { kind: 'news', name: site.name, url: `https://${site.domain}/${path}` },
        external_id: `news-${id}`,
        ...base,
      };
    }
    case 'twitter': {
      const author = r.chance(0.25) ? r.pick(NEWS_ACCOUNTS) : userHandle(r.int(0, 99), r.int(0, 99), r.int(0, 999));
      const status = 1_800_000_000_000_000_000n + BigInt(id) * 7919n;
      const text = story.title && r.chance(0.5) ? `${story.title}. ${story.text}` : story.text;
      return {
        source: { kind: 'twitter', name: author, url: `https://x.com/${author.slice(1)}/status/${status}`, author },
        external_id: `x-${status}`,
        text,
        offset_seconds: offset,
      };
    }
    case 'exchange': {
      const name = story.publisher ?? 'Binance';
      return {
        source: { kind: 'exchange', name, url: `https://announcements.example/${slug(name)}/${id}` },
        external_id: `${slug(name)}-${id}`,
        ...base,
      };
    }
    case 'onchain':
      return {
        source: { kind: 'onchain', name: story.publisher ?? r.pick(ONCHAIN_SOURCES) },
        external_id: `onchain-${id}`,
        ...base,
      };
  }
}

const SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsaid\b/, 'stated'],
  [/\bwill\b/, 'is set to'],
  [/\brose\b/, 'climbed'],
  [/\bfell\b/, 'dropped'],
  [/\bannouncement\b/, 'news'],
  [/\bcompanies\b/, 'firms'],
  [/\bstartup\b/, 'company'],
  [/\bexpected\b/, 'forecast'],
  [/ million\b/, 'M'],
  [/ billion\b/, 'B'],
  [/\bUS\b/, 'U.S.'],
];

/** Another outlet's take on the same story: a tag, an attribution, a word or two changed. */
function rewrite(story: Story, outletName: string): Pick<Story, 'title' | 'text'> {
  let text = story.text;
  let title = story.title;
  for (const [pattern, replacement] of r.shuffle(SWAPS).slice(0, r.int(1, 3)))
    text = text.replace(pattern, replacement);
  if (title && r.chance(0.4)) title = `${r.pick(['BREAKING: ', 'JUST IN: ', 'Report: ', ''])}${title}`;
  if (r.chance(0.5))
    text = `${text} ${r.pick([`The news was first reported by ${outletName}.`, 'The company confirmed the details in a statement.', 'More to follow.', '(Updated with details.)'])}`;
  if (!title && r.chance(0.5)) text = `${r.pick(['🚨 ', 'JUST IN: ', 'Reportedly: '])}${text}`;
  return { title, text };
}

const posts: ReplayPost[] = [];
for (let i = 0; i < STORIES; i++) {
  const story = pickMaker(r)(r);
  const offset = r.int(0, SPAN_SECONDS);
  posts.push(post(story, offset));
  if (!story.newsworthy || !r.chance(CLUSTER_SHARE)) continue;
  const outlets = r.shuffle(OUTLETS).slice(0, r.int(1, 3));
  let at = offset;
  for (const outlet of outlets) {
    at += r.int(60, 3 * 3600);
    const channel = r.chance(0.8) ? 'news' : 'twitter';
    posts.push(post({ channel, ...rewrite(story, outlet.name) }, at, outlet));
  }
}

posts.sort((a, b) => a.offset_seconds - b.offset_seconds || a.external_id.localeCompare(b.external_id));
const file = new URL('../datasets/replay.jsonl', import.meta.url);
writeFileSync(file, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
console.log(`wrote ${posts.length} posts to ${file.pathname}`);
