/**
 * Group commit. Items submitted while a write is in flight wait, and the
 * next write takes all of them (up to `maxBatch`): one statement and one
 * commit for many callers under load, and no wait at all when the writer is
 * idle, since the first item of a quiet period is written at once. Each
 * caller gets its own item's result. A failed batch is written again item by
 * item, so one item the database refuses cannot fail its neighbours.
 */
export function createBatchWriter<T, R>(
  write: (batch: T[]) => Promise<R[]>,
  maxBatch: number,
): (item: T) => Promise<R> {
  const queue: Array<{ item: T; resolve: (result: R) => void; reject: (err: unknown) => void }> = [];
  let writing = false;

  const writeOne = async (entry: (typeof queue)[number]) => {
    try {
      entry.resolve((await write([entry.item]))[0]!);
    } catch (err) {
      entry.reject(err);
    }
  };

  async function drain() {
    writing = true;
    while (queue.length) {
      const batch = queue.splice(0, maxBatch);
      if (batch.length === 1) {
        await writeOne(batch[0]!);
        continue;
      }
      let results: R[];
      try {
        results = await write(batch.map((entry) => entry.item));
      } catch {
        for (const entry of batch) await writeOne(entry);
        continue;
      }
      for (const [i, entry] of batch.entries()) entry.resolve(results[i]!);
    }
    writing = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
