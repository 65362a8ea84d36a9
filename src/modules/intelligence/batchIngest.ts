import type { FeedCache } from './feedCache.ts';
import type { IngestItem, Item } from './schemas.ts';
import type { StoryRepository } from './storyRepository.ts';
import { toItem, toRow } from './mapping.ts';
import { planStories, withFingerprint } from './storyMerge.ts';
import { createStoryIndex } from './storyIndex.ts';

export interface BatchIngestResult {
  id: string;
  /** created: a new item; merged: a near-duplicate added as a source of an item; duplicate: already stored. */
  outcome: 'created' | 'merged' | 'duplicate';
}

export interface BatchIngestDeps {
  stories: StoryRepository;
  feedCache: FeedCache;
  /** Announces a new item (on the bus, as the single-item door does). */
  publish(item: Item): Promise<void>;
}

/**
 * Stores batches the way the ingest door stores one item (idempotent on the
 * dedupe key, new items published) and merges near-duplicates into one item
 * per story. A batch delivered twice changes nothing the second time. Batches
 * are stored one at a time, so two batches never both create the same story.
 */
export function createBatchIngest(deps: BatchIngestDeps): (inputs: IngestItem[]) => Promise<BatchIngestResult[]> {
  const { stories, feedCache } = deps;
  const index = createStoryIndex((agent, since) => stories.recent(agent, since));
  let queue: Promise<unknown> = Promise.resolve();

  async function ingest(inputs: IngestItem[]): Promise<BatchIngestResult[]> {
    const now = new Date();
    const rows = inputs.map((input) => withFingerprint(toRow(input, now)));
    await index.ensure([...new Set(rows.map((row) => row.agentId))]);
    const existing = await stories.existing(rows.map((row) => row.dedupeKey));
    const plan = planStories(rows, { stored: (key) => existing.get(key), near: index.near });
    // All or nothing: a batch the database refuses leaves nothing stored that is not announced below.
    const inserted = await stories.store(plan.inserts, plan.merges);

    const created = new Map(inserted.map((row) => [row.dedupeKey, row]));
    for (const row of inserted) {
      if (row.simhash)
        index.add({
          id: row.id,
          agentId: row.agentId,
          simhash: row.simhash,
          tokenKeys: row.tokenKeys,
          keys: [row.dedupeKey, ...row.sources.map((s) => s.key)],
          publishedAt: row.publishedAt,
        });
    }
    for (const [id, sources] of plan.merges) for (const source of sources) index.addKey(id, source.key);
    // Another writer stored some of these keys between the lookup and the insert: they are its items.
    const raced = plan.inserts.filter((row) => !created.has(row.dedupeKey)).map((row) => row.dedupeKey);
    const racedIds = raced.length ? await stories.existing(raced) : new Map<string, string>();

    if (inserted.length || plan.merges.size) {
      await feedCache.bump();
      await Promise.all([...plan.merges.keys()].map((id) => feedCache.forgetItem(id)));
    }
    await Promise.all(inserted.map((row) => deps.publish(toItem(row))));

    return plan.outcomes.map(({ kind, target }) => {
      if ('id' in target) return { id: target.id, outcome: kind };
      const key = plan.inserts[target.insert]!.dedupeKey;
      const row = created.get(key);
      return row ? { id: row.id, outcome: kind } : { id: racedIds.get(key)!, outcome: 'duplicate' };
    });
  }

  return (inputs) => {
    if (!inputs.length) return Promise.resolve([]);
    const result = queue.then(() => ingest(inputs));
    queue = result.catch(() => {});
    return result;
  };
}
