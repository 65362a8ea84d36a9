import { describe, expect, it } from 'vitest';
import type { AppContext } from './context.ts';
import { defineModule, type ModuleComponent, ModuleList, type Platform } from './module.ts';

// Building modules needs no real context: these definitions never touch it.
const ctx = {} as AppContext;

describe('ModuleList', () => {
  const calls: string[] = [];
  const counter = defineModule({
    name: 'counter',
    migrations: { module: 'counter', folder: '/migrations/counter' },
    create: () => {
      calls.push('create counter');
      let n = 0;
      return {
        next: () => ++n,
        prepare: async () => {
          calls.push('prepare counter');
        },
      };
    },
  });
  const doubler = defineModule({
    name: 'doubler',
    create: (_ctx, { counter }: { counter: { next(): number } }, built) => {
      calls.push(`create doubler after ${built.map((m) => m.name).join(',')}`);
      return { double: () => counter.next() * 2, prepare: async () => void calls.push('prepare doubler') };
    },
  });

  it('builds each module from the faces built before it, then prepares them in the same order', async () => {
    calls.length = 0;
    const platform = await new ModuleList().add(counter).add(doubler).create(ctx);
    expect(platform.doubler.double()).toBe(2);
    expect(platform.counter.next()).toBe(2);
    expect(platform.modules.map((m) => m.name)).toEqual(['counter', 'doubler']);
    expect(calls).toEqual(['create counter', 'create doubler after counter', 'prepare counter', 'prepare doubler']);
  });

  it('refuses, when type-checked, a module whose dependencies are not built before it', () => {
    // @ts-expect-error doubler needs counter, which is not in the list yet (tsc checks this line)
    expect(new ModuleList().add(doubler).definitions).toHaveLength(1);
  });

  it('lists the migrations in composition order and refuses a module added twice', () => {
    const list = new ModuleList().add(counter).add(doubler);
    expect(list.migrations()).toEqual([{ module: 'counter', folder: '/migrations/counter' }]);
    expect(() => list.add(counter as never)).toThrow(/counter: added twice/);
  });

  it('swaps a module for another with the same face, and inserts one before another', async () => {
    const fixed = defineModule({ name: 'counter', create: () => ({ next: () => 21, prepare: async () => {} }) });
    const extra = defineModule({
      name: 'extra',
      create: () => ({ tools: { name: 'extra', description: 'd', tools: [] } }),
    });
    const list = new ModuleList().add(counter).add(doubler).replace(fixed).insertBefore('doubler', extra);
    const platform = await list.create(ctx);
    expect(platform.doubler.double()).toBe(42);
    expect(platform.modules.map((m) => m.name)).toEqual(['counter', 'extra', 'doubler']);
    expect(() => list.insertBefore('nope' as never, extra)).toThrow(/nope: not in the list/);
  });

  it('starts a module’s components from that module’s face', async () => {
    const seen: number[] = [];
    const component: ModuleComponent<{ next(): number }> = {
      name: 'ticker',
      start: async (face) => {
        seen.push(face.next());
        return async () => {};
      },
    };
    const list = new ModuleList().add({ ...counter, components: [component] });
    const platform: Platform = await list.create(ctx);
    const [ticker] = list.components();
    await ticker?.start(platform);
    expect(ticker?.name).toBe('ticker');
    expect(seen).toEqual([1]);
  });
});
