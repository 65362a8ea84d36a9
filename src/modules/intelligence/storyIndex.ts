import { bandFingerprint, createNearDuplicateIndex } from '../analysis/index.ts';
import { MERGE_WINDOW_MS, type StoredStory, type StoryLookup } from './storyMerge.ts';

/** A stored story with what the index needs to place it. */
export interface RecentStory extends StoredStory {
  simhash: string;
  publishedAt: Date;
}

/**
 * The stored stories of the last few days, of every agent, in memory: finding a near-duplicate is a
 * lookup in a SimHash band index instead of a database query. It is brought up to date from the
 * database before each batch is planned, holding the ingest lock: the first time with the recent
 * stories, after that with what was stored or joined by another agent (on any node) since it last
 * looked, read by stream offset. What this node stores itself it adds once committed.
 */
export interface StoryIndex {
  /** What brings it up to date: the stories written after an offset, or before its first load the recent ones. */
  wants(): { after: number } | { since: Date };
  /** Loads what it wanted, read holding the ingest lock, which read the stream counter at `lastOffset`. */
  refresh(found: RecentStory[], lastOffset: number): void;
  /** Stories this node stored or re-announced, committed; `position` is the highest offset it wrote. */
  add(stories: RecentStory[], position: number): void;
  near: StoryLookup['near'];
}

const WINDOW_HOURS = (2 * MERGE_WINDOW_MS) / 3_600_000;

export function createStoryIndex(now: () => number = Date.now): StoryIndex {
  const index = createNearDuplicateIndex({ windowHours: WINDOW_HOURS, now });
  const stories = new Map<string, StoredStory>();
  /** Every story stored up to this stream offset is in the index; undefined until the first load. */
  let position: number | undefined;

  /**
   * The band index forgets old stories by itself; this drops their records once they pile up, keeping those it
   * still holds (the only ones `near` can answer with). Afterwards the two hold the same stories, so the walk comes
   * round again only after as many more have been added: stories arriving out of time order (a source's backlog)
   * cannot make every batch walk them all.
   */
  function prune() {
    if (stories.size < 2 * index.size() + 1_000) return;
    for (const id of stories.keys()) if (!index.has(id)) stories.delete(id);
  }

  function remember({ simhash, publishedAt, ...story }: RecentStory) {
    stories.set(story.id, story);
    index.add(story.id, bandFingerprint(simhash), publishedAt.getTime());
  }

  return {
    wants() {
      return position === undefined ? { since: new Date(now() - 2 * MERGE_WINDOW_MS) } : { after: position };
    },
    refresh(found, lastOffset) {
      for (const story of found) remember(story);
      position = lastOffset;
      prune();
    },
    add(written, writtenUpTo) {
      for (const story of written) remember(story);
      if (position !== undefined) position = Math.max(position, writtenUpTo);
      prune();
    },
    near(fingerprint, at) {
      // Asking about at + the window, over twice the window, matches stories on either side in time.
      const match = index.find(fingerprint, at + MERGE_WINDOW_MS);
      const story = match && stories.get(match.id);
      return story && { story, distance: match.distance };
    },
  };
}
