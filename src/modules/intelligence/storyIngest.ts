import type { FeedCache } from './feedCache.ts';
import type { IngestItem, Item } from './schemas.ts';
import { encodeFixedColumns, type StoryRepository } from './storyRepository.ts';
import type { NewIntelligenceRow } from './table.ts';
import { toItem, toRow } from './mapping.ts';
import { type KeyedStory, planStories, type StoryLookup, type StoryPlan, withFingerprint } from './storyMerge.ts';
import { createStoryIndex } from './storyIndex.ts';
import { storyKeys } from './storyKeys.ts';

/**
 * Plans a batch makes on a read before the lock, each written only if no writer (on any node) wrote after that read,
 * before it reads and plans holding the lock. With two agents workers storing without pause (bench:cluster), about a
 * quarter of the first plans were stale and nearly every batch was stored by its first three; the lock was held
 * 32–38 % of the time instead of 76–81 % when a batch went to the lock as soon as it had seen another writer, and the
 * two workers' ceiling rose from 2,900–3,550 to 7,000–8,300 items/s (docs/deployment.md, "The stream counter lock").
 */
const PLANS_BEFORE_THE_LOCK = 4;

/** What became of one delivered post. */
export interface BatchIngestResult {
  /** The item that holds the post's story. */
  id: string;
  /**
   * created: a new item; merged: joined a stored story (its agent added to the item's agents, or the
   * post added as another source of it); duplicate: the item already had it.
   */
  outcome: 'created' | 'merged' | 'duplicate';
}

export interface IngestResult {
  item: Item;
  created: boolean;
  outcome: BatchIngestResult['outcome'];
}

export interface StoryIngest {
  /** One post, as the ingest API delivers it: its story is matched by story key only. Resolves once stored (see announced). */
  one(input: IngestItem): Promise<IngestResult>;
  /**
   * A batch, as agents deliver them: also merges near-duplicates from other sources into one item per story. Resolves
   * once the batch is stored; its items' announcements are confirmed meanwhile (see announced), so a caller's next
   * batch is planned and stored while the bus confirms this one's.
   */
  many(inputs: IngestItem[]): Promise<BatchIngestResult[]>;
  /** Resolves once the announcements of everything stored so far are confirmed (or failed, which is logged). */
  announced(): Promise<void>;
}

/** Stored items by story key, the first stored when a key names several (items stored apart before agents were merged). */
function keyLookup(found: KeyedStory[]): StoryLookup['stored'] {
  const byKey = new Map<string, KeyedStory>();
  for (const story of found) for (const key of story.storyKeys) if (!byKey.has(key)) byKey.set(key, story);
  return (keys) => keys.map((key) => byKey.get(key)).find((story) => story !== undefined);
}

const allKeys = (rows: NewIntelligenceRow[]) => [...new Set(rows.flatMap(storyKeys))];

/** The delivered row each new item of a plan was made from (`rows[i]` for `plan.inserts[i]`). */
function insertedRows(plan: StoryPlan): number[] {
  const rows: number[] = [];
  plan.outcomes.forEach(({ kind, target }, row) => {
    if (kind === 'created' && 'insert' in target) rows[target.insert] = row;
  });
  return rows;
}

/**
 * The ingest door, for one post or a batch: one item per story, whichever agents deliver it, on
 * whichever nodes. Each delivery is stored in one transaction holding the ingest lock, planned on what
 * was stored when nothing has been written since, so what the plan read of the stored stories is still
 * true when it writes: two agents delivering the same post at once, anywhere, make one item with both
 * agents. New items are announced on the bus; so
 * are items an agent joined, at their new stream offset, for that agent's followers. A delivery
 * repeated changes nothing.
 */
export function createStoryIngest(deps: {
  stories: StoryRepository;
  feedCache: FeedCache;
  /** Announces stored items (on the bus), in this order. */
  publish(items: Item[]): Promise<void>;
}): StoryIngest {
  const { stories, feedCache } = deps;
  const index = createStoryIndex();
  // Batches of this node are planned one at a time against the index, which each brings up to date.
  let queue: Promise<unknown> = Promise.resolve();
  /** Announcements of stored batches the bus has not confirmed yet. */
  const announcing = new Set<Promise<unknown>>();

  /**
   * Plans and stores rows; with `answer`, also reads the stored items the rows went to that it did not write. Once the
   * index is loaded, a batch of near-duplicates is planned against a read made before the lock, and stored as planned
   * if no writer (on any node) has written since: the lock is then held only by the write and the commit. A stale
   * plan is made again on a new read, up to PLANS_BEFORE_THE_LOCK times; then the batch is read and planned holding
   * the lock.
   */
  async function store(
    rows: NewIntelligenceRow[],
    { nearDuplicates, answer }: { nearDuplicates: boolean; answer: boolean },
  ) {
    const encoded = rows.map(encodeFixedColumns);
    const keys = allKeys(rows);
    const planOn = (stored: KeyedStory[]) => {
      const plan = planStories(rows, {
        stored: keyLookup(stored),
        near: nearDuplicates ? index.near : () => undefined,
      });
      return { plan, write: { ...plan, encoded: insertedRows(plan).map((row) => encoded[row]!) } };
    };
    /** The batch stored as planned on a read before the lock, unless every plan went stale (or the index is not loaded). */
    const storedUnlocked = async () => {
      for (let attempt = 0; attempt < PLANS_BEFORE_THE_LOCK; attempt++) {
        const wanted = index.wants();
        if (!('after' in wanted)) return undefined;
        const snapshot = await stories.snapshot(keys, wanted.after);
        index.refresh(snapshot.written, snapshot.counter.lastOffset);
        const { plan, write } = planOn(snapshot.stored);
        const written = await stories.writeIfUnchanged(write, snapshot.counter);
        if (written) return { plan, ...written, untouched: [] };
      }
      return undefined;
    };
    // Only a batch with nothing to answer: the items it goes to are read holding the lock.
    const unlocked = nearDuplicates && !answer ? await storedUnlocked() : undefined;
    const wanted = nearDuplicates ? index.wants() : undefined;
    const { plan, inserted, joined, untouched } =
      unlocked ??
      (await stories.locked(
        { keys, writtenAfter: wanted && 'after' in wanted ? wanted.after : undefined },
        async (tx, read) => {
          // Holding the lock: the index brought up to date, the stored stories read, the batch planned (again).
          const recent = wanted && 'since' in wanted ? await tx.recent(wanted.since) : [];
          if (wanted) index.refresh([...recent, ...read.written], tx.counter.lastOffset);
          const { plan, write } = planOn(read.stored);
          const { inserted, joined } = await tx.write(write);
          const rejoined = new Set(joined.map((row) => row.id));
          const others = plan.outcomes.flatMap(({ target }) =>
            'id' in target && !rejoined.has(target.id) ? [target.id] : [],
          );
          return { plan, inserted, joined, untouched: answer ? await tx.find([...new Set(others)]) : [] };
        },
      ));
    const announced = [...inserted, ...joined].sort((a, b) => a.streamOffset - b.streamOffset);
    if (nearDuplicates) {
      const fingerprinted = announced.filter((row) => row.simhash);
      index.add(
        fingerprinted.map((row) => ({ ...row, simhash: row.simhash! })),
        announced.at(-1)?.streamOffset ?? 0,
      );
    }
    if (inserted.length || plan.updates.size) {
      await feedCache.bump();
      await Promise.all([...plan.updates.keys()].map((id) => feedCache.forgetItem(id)));
    }
    // Sent now, in stream order; confirmed while the next batch is planned.
    const published = deps.publish(announced.map(toItem));

    const created = new Map(inserted.map((row) => [row.dedupeKey, row]));
    const results = plan.outcomes.map(({ kind, target }): BatchIngestResult => {
      const id = 'id' in target ? target.id : created.get(plan.inserts[target.insert]!.dedupeKey)!.id;
      return { id, outcome: kind };
    });
    return { results, rows: [...inserted, ...joined, ...untouched], published };
  }

  /** An announcement on its way, awaited by `announced` (a shutdown) until the bus confirms or fails it. */
  function track(published: Promise<void>) {
    announcing.add(published);
    void published.finally(() => announcing.delete(published));
  }

  return {
    async one(input) {
      const { results, rows, published } = await store([toRow(input)], { nearDuplicates: false, answer: true });
      // Answered once stored: a broker that is slow or away must not hold the caller (nodes read what it lost).
      track(published);
      const { id, outcome } = results[0]!;
      return { item: toItem(rows.find((row) => row.id === id)!), created: outcome === 'created', outcome };
    },
    many(inputs) {
      if (!inputs.length) return Promise.resolve([]);
      const now = new Date();
      const stored = queue.then(() =>
        store(
          inputs.map((input) => withFingerprint(toRow(input, now))),
          { nearDuplicates: true, answer: false },
        ),
      );
      // The next batch needs this one stored and in the index, not its announcements confirmed.
      queue = stored.catch(() => {});
      return stored.then(({ results, published }) => {
        track(published);
        return results;
      });
    },
    async announced() {
      await Promise.all(announcing);
    },
  };
}
