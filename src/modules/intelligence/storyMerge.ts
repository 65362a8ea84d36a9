import {
  type BandedFingerprint,
  bandFingerprint,
  createNearDuplicateIndex,
  fingerprintOfWords,
  type NearDuplicateIndex,
  normaliseForFingerprint,
} from '../analysis/index.ts';
import type { NewIntelligenceRow } from './table.ts';
import type { MergedSource } from './schemas.ts';
import { storyKeys } from './storyKeys.ts';

/**
 * Planning a batch of deliveries against what is stored: one item per story, tagged with every
 * agent that delivered it. A delivery one of whose story keys (storyKeys.ts) a stored item or an
 * earlier row of the batch already has is that story again: its agent joins the item if it is new
 * there, and otherwise nothing changes. Failing that, the same story from another source (a
 * near-duplicate fingerprint within MERGE_WINDOW_MS naming the same tokens; templated posts about
 * different tokens are different stories) is merged into the story's item as a source, and its
 * agent joins too.
 */

export const MERGE_WINDOW_MS = 48 * 3_600_000;
/** Fewer words than this fingerprint too coarsely to tell stories apart. */
const MIN_WORDS = 4;

/** The row with its fingerprint, when its text is long enough to have one. */
export function withFingerprint(row: NewIntelligenceRow): NewIntelligenceRow {
  const words = normaliseForFingerprint(`${row.title}\n${row.content}`);
  return words.length < MIN_WORDS ? row : { ...row, simhash: fingerprintOfWords(words) };
}

/** A stored item as near-duplicate matching sees it. */
export interface StoredStory {
  id: string;
  agents: string[];
  tokenKeys: string[];
}

/** A stored item found by story keys, with those of them it has. */
export interface KeyedStory {
  id: string;
  agents: string[];
  storyKeys: string[];
}

/** What planning asks of the stored items. */
export interface StoryLookup {
  /** The item stored under any of these story keys. */
  stored(keys: string[]): KeyedStory | undefined;
  /** The nearest stored story within the window around `at`. */
  near(fingerprint: BandedFingerprint, at: number): { story: StoredStory; distance: number } | undefined;
}

/** Where a row ends up: an existing item (`id`) or a row of `inserts` (`insert`). */
type StoryTarget = { id: string } | { insert: number };
interface StoryOutcome {
  /** created: a new item; merged: joined an item (as a new agent, a new source, or both); duplicate: nothing new. */
  kind: 'created' | 'merged' | 'duplicate';
  target: StoryTarget;
}

/** What a stored item gains. */
export interface StoryUpdate {
  sources: MergedSource[];
  /** Story keys it did not have. */
  keys: string[];
  /** Agents joining it. */
  agents: string[];
}

export interface StoryPlan {
  /** New items, with the sources and agents that joined them within this batch folded in. */
  inserts: NewIntelligenceRow[];
  /** The story keys of each new item (its own and those of the rows that joined it). */
  insertKeys: string[][];
  updates: Map<string, StoryUpdate>;
  /** One per row, in order. */
  outcomes: StoryOutcome[];
}

const sameTokens = (a: string[], b: string[]) => (a.length === 0 && b.length === 0) || a.some((k) => b.includes(k));

/** A stored row as a source of the item it folds into (one outlet's report of the story). */
export function sourceOf(row: NewIntelligenceRow): MergedSource {
  return {
    kind: row.sourceKind,
    name: row.sourceName,
    url: row.sourceUrl ?? null,
    author: row.sourceAuthor ?? null,
    published_at: (row.publishedAt ?? new Date()).toISOString(),
    key: row.dedupeKey,
  };
}

/** The story a row's fingerprint is near, stored or new in this batch, with the tokens it names. */
interface NearStory {
  target: StoryTarget;
  tokenKeys: string[];
}

/** A story as planned so far: the agents and keys it has, stored or joined in this batch. */
interface Planned {
  agents: Set<string>;
  keys: Set<string>;
}

const label = (target: StoryTarget) => ('id' in target ? target.id : `#${target.insert}`);

export function planStories(rows: NewIntelligenceRow[], lookup: StoryLookup): StoryPlan {
  const plan: StoryPlan = { inserts: [], insertKeys: [], updates: new Map(), outcomes: [] };
  const planned = new Map<string, Planned>();
  // Stories created or joined by earlier rows of this batch, by story key and by fingerprint.
  const byKey = new Map<string, StoryTarget>();
  const batchStories = new Map<string, { insert: number; tokenKeys: string[] }>();
  // The index looks back from the time it is asked about: asking about at + MERGE_WINDOW_MS over twice the window looks both ways.
  const batchIndex: NearDuplicateIndex = createNearDuplicateIndex({ windowHours: (2 * MERGE_WINDOW_MS) / 3_600_000 });

  const stored = (id: string, agents: string[], keys: string[] = []): StoryTarget => {
    if (!planned.has(id)) planned.set(id, { agents: new Set(agents), keys: new Set(keys) });
    return { id };
  };

  const exact = (keys: string[]): StoryTarget | undefined => {
    for (const key of keys) {
      const target = byKey.get(key);
      if (target) return target;
    }
    const found = lookup.stored(keys);
    return found && stored(found.id, found.agents, found.storyKeys);
  };

  const nearest = (fingerprint: BandedFingerprint, at: number): NearStory | undefined => {
    const inStore = lookup.near(fingerprint, at);
    const match = batchIndex.find(fingerprint, at + MERGE_WINDOW_MS);
    const pending = match && batchStories.get(match.id);
    if (pending && (!inStore || match.distance < inStore.distance))
      return { target: { insert: pending.insert }, tokenKeys: pending.tokenKeys };
    return inStore && { target: stored(inStore.story.id, inStore.story.agents), tokenKeys: inStore.story.tokenKeys };
  };

  /** Adds the row's agent, keys and (for another source's report) source to its story; whether the agent is new there. */
  const join = (target: StoryTarget, row: NewIntelligenceRow, keys: string[], asSource: boolean): boolean => {
    const story = planned.get(label(target))!;
    const agentJoins = !story.agents.has(row.agentId);
    const newKeys = keys.filter((key) => !story.keys.has(key));
    story.agents.add(row.agentId);
    for (const key of newKeys) story.keys.add(key);
    for (const key of keys) byKey.set(key, target);
    if ('insert' in target) {
      const item = plan.inserts[target.insert]!;
      if (agentJoins) item.agents = [...item.agents, row.agentId];
      plan.insertKeys[target.insert]!.push(...newKeys);
      if (asSource) {
        item.sources = [...item.sources!, sourceOf(row)];
        item.sourceCount = 1 + item.sources.length;
      }
      return agentJoins;
    }
    const update = plan.updates.get(target.id) ?? { sources: [], keys: [], agents: [] };
    if (agentJoins) update.agents.push(row.agentId);
    update.keys.push(...newKeys);
    if (asSource) update.sources.push(sourceOf(row));
    if (update.agents.length || update.keys.length || update.sources.length) plan.updates.set(target.id, update);
    return agentJoins;
  };

  for (const row of rows) {
    const at = (row.publishedAt ?? new Date()).getTime();
    const keys = storyKeys(row);
    const same = exact(keys);
    if (same) {
      plan.outcomes.push({ kind: join(same, row, keys, false) ? 'merged' : 'duplicate', target: same });
      continue;
    }
    // Banded once for the stored stories, this batch's, and (if it makes a new story) adding it to this batch's.
    const fingerprint = row.simhash ? bandFingerprint(row.simhash) : undefined;
    const story = fingerprint && nearest(fingerprint, at);
    if (story && sameTokens(story.tokenKeys, row.tokenKeys ?? [])) {
      join(story.target, row, keys, true);
      plan.outcomes.push({ kind: 'merged', target: story.target });
      continue;
    }
    const target = { insert: plan.inserts.length };
    plan.inserts.push({ ...row, simhash: row.simhash ?? null, sourceCount: 1, sources: [], agents: [row.agentId] });
    plan.insertKeys.push([...keys]);
    planned.set(label(target), { agents: new Set([row.agentId]), keys: new Set(keys) });
    for (const key of keys) byKey.set(key, target);
    plan.outcomes.push({ kind: 'created', target });
    if (fingerprint) {
      batchStories.set(row.dedupeKey, { insert: target.insert, tokenKeys: row.tokenKeys ?? [] });
      batchIndex.add(row.dedupeKey, fingerprint, at);
    }
  }
  return plan;
}
