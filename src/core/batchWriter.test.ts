import { describe, expect, it } from 'vitest';
import { createBatchWriter } from './batchWriter.ts';

/**
 * A write that records each batch and answers each item doubled, refusing
 * negative numbers. Like a database round trip, it answers on a later turn of
 * the event loop, so items submitted meanwhile find it in flight.
 */
function recordingWrite() {
  const batches: number[][] = [];
  const write = async (batch: number[]) => {
    batches.push(batch);
    await new Promise((resolve) => setImmediate(resolve));
    if (batch.some((n) => n < 0)) throw new Error(`refused ${batch.join(',')}`);
    return batch.map((n) => n * 2);
  };
  return { batches, write };
}

describe('createBatchWriter', () => {
  it('writes the first item at once and groups those that arrive while it is written', async () => {
    const { batches, write } = recordingWrite();
    const submit = createBatchWriter(write, 100);
    const results = await Promise.all([1, 2, 3, 4].map(submit));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('takes at most maxBatch items per write, in the order they came', async () => {
    const { batches, write } = recordingWrite();
    const submit = createBatchWriter(write, 2);
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map(submit))).toEqual([2, 4, 6, 8, 10, 12]);
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('fails only the item the write refuses, retrying its batch one by one', async () => {
    const { batches, write } = recordingWrite();
    const submit = createBatchWriter(write, 100);
    const results = await Promise.allSettled([1, 2, -3, 4].map(submit));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      2,
      4,
      'refused -3',
      8,
    ]);
    expect(batches).toEqual([[1], [2, -3, 4], [2], [-3], [4]]);
  });

  it('keeps writing after a failure, and after going idle', async () => {
    const { write } = recordingWrite();
    const submit = createBatchWriter(write, 100);
    await expect(submit(-1)).rejects.toThrow('refused -1');
    expect(await submit(5)).toBe(10);
    expect(await Promise.all([6, 7].map(submit))).toEqual([12, 14]);
  });
});
