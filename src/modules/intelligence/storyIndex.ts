import { createNearDuplicateIndex, type NearDuplicateIndex } from '../analysis/index.ts';
import { MERGE_WINDOW_MS, type StoredStory, type StoryLookup } from './storyMerge.ts';

/** A stored story with what the index needs to place it. */
export interface RecentStory extends StoredStory {
  agentId: string;
  simhash: string;
  publishedAt: Date;
}

/**
 * The stored stories of the last few days, per agent, in memory: finding a
 * near-duplicate is a lookup in a SimHash band index instead of a database
 * query. An agent's stories are loaded from the database the first time it
 * ingests on this node; after that every stored batch is added. (So the agents
 * of one deployment run on one node: another node's merges would not be seen.)
 */
export interface StoryIndex {
  /** Loads the stories of agents not seen yet. */
  ensure(agents: string[]): Promise<void>;
  add(story: RecentStory): void;
  /** Records a source merged into a stored story. */
  addKey(id: string, key: string): void;
  near: StoryLookup['near'];
}

const WINDOW_HOURS = (2 * MERGE_WINDOW_MS) / 3_600_000;

export function createStoryIndex(
  load: (agent: string, since: Date) => Promise<RecentStory[]>,
  now: () => number = Date.now,
): StoryIndex {
  const indexes = new Map<string, NearDuplicateIndex>();
  const stories = new Map<string, StoredStory & { at: number }>();
  let newest = 0;

  /** The band index forgets old stories by itself; this drops their records once they pile up. */
  function prune() {
    let held = 0;
    for (const index of indexes.values()) held += index.size();
    if (stories.size < 2 * held + 1_000) return;
    for (const [id, story] of stories) if (story.at < newest - 2 * MERGE_WINDOW_MS) stories.delete(id);
  }

  const index: StoryIndex = {
    async ensure(agents) {
      for (const agent of agents) {
        if (indexes.has(agent)) continue;
        const recent = await load(agent, new Date(now() - 2 * MERGE_WINDOW_MS));
        indexes.set(agent, createNearDuplicateIndex({ windowHours: WINDOW_HOURS, now }));
        for (const story of recent) index.add(story);
      }
    },
    add({ agentId, simhash, publishedAt, ...story }) {
      const at = publishedAt.getTime();
      stories.set(story.id, { ...story, keys: [...story.keys], at });
      indexes.get(agentId)?.add(story.id, simhash, at);
      newest = Math.max(newest, at);
      prune();
    },
    addKey(id, key) {
      stories.get(id)?.keys.push(key);
    },
    near(agent, simhash, at) {
      // Asking about at + the window, over twice the window, matches stories on either side in time.
      const match = indexes.get(agent)?.find(simhash, at + MERGE_WINDOW_MS);
      const story = match && stories.get(match.id);
      return story && { story, distance: match.distance };
    },
  };
  return index;
}
