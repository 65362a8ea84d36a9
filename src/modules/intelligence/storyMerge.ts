import {
  createNearDuplicateIndex,
  fingerprint,
  type NearDuplicateIndex,
  normaliseForFingerprint,
} from '../analysis/index.ts';
import type { NewIntelligenceRow } from './table.ts';
import type { MergedSource } from './schemas.ts';

/**
 * Planning a batch of new items against what is stored: exact repeats are
 * duplicates, and the same story from another source (a near-duplicate
 * fingerprint) is merged into the story's item. Stories merge only within one
 * agent, within MERGE_WINDOW_MS of each other, and when they name the same
 * tokens (templated posts about different tokens are different stories).
 */

export const MERGE_WINDOW_MS = 48 * 3_600_000;
/** Fewer words than this fingerprint too coarsely to tell stories apart. */
const MIN_WORDS = 4;

/** The row with its fingerprint, when its text is long enough to have one. */
export function withFingerprint(row: NewIntelligenceRow): NewIntelligenceRow {
  const text = `${row.title}\n${row.content}`;
  return normaliseForFingerprint(text).length < MIN_WORDS ? row : { ...row, simhash: fingerprint(text) };
}

/** A stored item as merging sees it. */
export interface StoredStory {
  id: string;
  tokenKeys: string[];
  /** The dedupe keys already in it: its own and those of the sources merged into it. */
  keys: string[];
}

/** What planning asks of the stored items. */
export interface StoryLookup {
  /** The id of the item stored under this dedupe key. */
  stored(key: string): string | undefined;
  /** The nearest stored story of the agent within the window around `at`. */
  near(agent: string, simhash: string, at: number): { story: StoredStory; distance: number } | undefined;
}

/** Where a row ends up: an existing item (`id`) or a row of `inserts` (`insert`). */
type StoryTarget = { id: string } | { insert: number };
interface StoryOutcome {
  kind: 'created' | 'merged' | 'duplicate';
  target: StoryTarget;
}

export interface StoryPlan {
  /** New items, with the sources merged into them within this batch folded in. */
  inserts: NewIntelligenceRow[];
  /** Sources to append to existing items, by item id. */
  merges: Map<string, MergedSource[]>;
  /** One per row, in order. */
  outcomes: StoryOutcome[];
}

const sameTokens = (a: string[], b: string[]) => (a.length === 0 && b.length === 0) || a.some((k) => b.includes(k));

function report(row: NewIntelligenceRow): MergedSource {
  return {
    kind: row.sourceKind,
    name: row.sourceName,
    url: row.sourceUrl ?? null,
    author: row.sourceAuthor ?? null,
    published_at: (row.publishedAt ?? new Date()).toISOString(),
    key: row.dedupeKey,
  };
}

export function planStories(rows: NewIntelligenceRow[], lookup: StoryLookup): StoryPlan {
  const plan: StoryPlan = { inserts: [], merges: new Map(), outcomes: [] };
  // Stories created by earlier rows of this batch, found the way stored ones are.
  const batchKeys = new Map<string, StoryTarget>();
  const batchStories = new Map<string, { insert: number; tokenKeys: string[] }>();
  const batchIndexes = new Map<string, NearDuplicateIndex>();
  const batchIndex = (agent: string) => {
    let index = batchIndexes.get(agent);
    // The index looks back from the time it is asked about: asking about at + MERGE_WINDOW_MS over twice the window looks both ways.
    if (!index) {
      index = createNearDuplicateIndex({ windowHours: (2 * MERGE_WINDOW_MS) / 3_600_000 });
      batchIndexes.set(agent, index);
    }
    return index;
  };

  const nearest = (
    row: NewIntelligenceRow,
    at: number,
  ): { target: StoryTarget; tokenKeys: string[]; keys: string[] } | undefined => {
    if (!row.simhash) return undefined;
    const stored = lookup.near(row.agentId, row.simhash, at);
    const match = batchIndex(row.agentId).find(row.simhash, at + MERGE_WINDOW_MS);
    const pending = match && batchStories.get(match.id);
    if (pending && (!stored || match.distance < stored.distance))
      return { target: { insert: pending.insert }, tokenKeys: pending.tokenKeys, keys: [] };
    return stored && { target: { id: stored.story.id }, tokenKeys: stored.story.tokenKeys, keys: stored.story.keys };
  };

  for (const row of rows) {
    const at = (row.publishedAt ?? new Date()).getTime();
    const storedId = lookup.stored(row.dedupeKey);
    const repeat = batchKeys.get(row.dedupeKey) ?? (storedId ? { id: storedId } : undefined);
    if (repeat) {
      plan.outcomes.push({ kind: 'duplicate', target: repeat });
      continue;
    }
    const story = nearest(row, at);
    if (story?.keys.includes(row.dedupeKey)) {
      // A source merged into this story before: a re-delivery.
      plan.outcomes.push({ kind: 'duplicate', target: story.target });
      continue;
    }
    if (story && sameTokens(story.tokenKeys, row.tokenKeys ?? [])) {
      const source = report(row);
      if ('insert' in story.target) {
        const merged = plan.inserts[story.target.insert]!;
        merged.sources = [...merged.sources!, source];
        merged.sourceCount = 1 + merged.sources.length;
      } else {
        plan.merges.set(story.target.id, [...(plan.merges.get(story.target.id) ?? []), source]);
      }
      batchKeys.set(row.dedupeKey, story.target);
      plan.outcomes.push({ kind: 'merged', target: story.target });
      continue;
    }
    const target = { insert: plan.inserts.length };
    plan.inserts.push({ ...row, simhash: row.simhash ?? null, sourceCount: 1, sources: [] });
    plan.outcomes.push({ kind: 'created', target });
    batchKeys.set(row.dedupeKey, target);
    if (row.simhash) {
      batchStories.set(row.dedupeKey, { insert: target.insert, tokenKeys: row.tokenKeys ?? [] });
      batchIndex(row.agentId).add(row.dedupeKey, row.simhash, at);
    }
  }
  return plan;
}
