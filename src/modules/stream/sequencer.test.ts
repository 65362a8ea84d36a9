import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createIntelligenceRepository } from '../intelligence/repository.ts';
import { toItem, toRow } from '../intelligence/mapping.ts';
import { ingestSchema, type Item } from '../intelligence/index.ts';
import { createItemLog, type ItemLog } from '../intelligence/itemLog.ts';
import { createSequencer } from './sequencer.ts';

describe('stream sequencer', () => {
  let ctx: AppContext;
  let log: ItemLog;
  let stored: Item[];

  beforeAll(async () => {
    ctx = await createTestContext();
    const repository = createIntelligenceRepository(ctx.db, ctx.metrics);
    stored = [];
    for (let n = 0; n < 12; n++) {
      const { row } = await repository.insert(
        toRow(ingestSchema.parse({ type: 'news', title: `item ${n}`, source: { name: 'test' } })),
      );
      stored.push(toItem(row));
    }
    log = createItemLog(ctx.db, ctx.metrics);
  });
  afterAll(() => ctx?.close());

  function sequencer(start = 0, remembered?: number) {
    const delivered: number[] = [];
    const deliveredBefore: number[] = [];
    const s = createSequencer({
      start,
      log,
      logger: pino({ level: 'silent' }),
      deliver: (item, deliveredAt) => {
        delivered.push(item.offset);
        deliveredBefore.push(deliveredAt);
      },
      ...(remembered && { remembered }),
    });
    return { s, delivered, deliveredBefore };
  }

  it('assigns offsets in insertion order and the log reads them back by range', async () => {
    const offsets = stored.map((item) => item.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(new Set(offsets).size).toBe(12);
    expect((await log.read(offsets[2]!, offsets[5]!, 100)).map((i) => i.offset)).toEqual(offsets.slice(3, 6));
    expect(await log.latest()).toBe(offsets.at(-1));
  });

  it('delivers each item once, in order, whatever order and repetitions the bus brings', async () => {
    const { s, delivered } = sequencer();
    for (const i of [1, 0, 1, 3, 2, 2, 0]) s.offer(stored[i]!);
    await expect
      .poll(() => delivered, { timeout: 20_000, interval: 25 })
      .toEqual(stored.slice(0, 4).map((i) => i.offset));
    s.stop();
  });

  it('reads what the bus lost from the store: holes below a heard offset, and everything up to a polled one', async () => {
    const { s, delivered } = sequencer();
    s.offer(stored[5]!); // 0–4 were lost
    await expect
      .poll(() => delivered, { timeout: 20_000, interval: 25 })
      .toEqual(stored.slice(0, 6).map((i) => i.offset));
    s.reach(stored[11]!.offset); // 6–11 were lost too
    await expect.poll(() => delivered, { timeout: 20_000, interval: 25 }).toEqual(stored.map((i) => i.offset));
    s.offer(stored[3]!);
    expect(s.position).toBe(stored[11]!.offset);
    expect(delivered).toHaveLength(12);
    s.stop();
  });

  it('tells where it delivered an item before: an agent joining it moves it to a new offset', async () => {
    const { s, deliveredBefore } = sequencer(stored[0]!.offset, 2);
    // stored[1] joined at stored[3]'s offset, then at stored[5]'s; stored[2] and stored[4] are other items.
    const moved = (to: number) => ({ ...stored[1]!, offset: stored[to]!.offset });
    for (const item of [stored[1]!, stored[2]!, moved(3), stored[4]!, moved(5)]) s.offer(item);
    await expect
      .poll(() => deliveredBefore, { timeout: 20_000, interval: 25 })
      .toEqual([0, 0, stored[1]!.offset, 0, stored[3]!.offset]);
    // Two remembered: stored[2] was forgotten when stored[4] came, so an item not remembered may have been
    // delivered up to its offset, and no higher.
    s.offer({ ...stored[2]!, offset: stored[6]!.offset });
    await expect.poll(() => deliveredBefore.at(-1), { timeout: 20_000, interval: 25 }).toBe(stored[2]!.offset);
    s.stop();
  });

  it('starts after a given position', async () => {
    const { s, delivered } = sequencer(stored[9]!.offset);
    s.offer(stored[4]!);
    s.offer(stored[11]!);
    await expect
      .poll(() => delivered, { timeout: 20_000, interval: 25 })
      .toEqual([stored[10]!.offset, stored[11]!.offset]);
    s.stop();
  });
});
