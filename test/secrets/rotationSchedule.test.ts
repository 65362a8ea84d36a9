import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createLeases, type Leases } from '../../src/core/lease/leases.ts';
import { createSecretsModule } from '../../src/modules/secrets/index.ts';
import { createRotationLog } from '../../src/modules/secrets/rotationLog.ts';
import { type ScheduledRotation, startRotationSchedule } from '../../src/modules/secrets/rotationSchedule.ts';
import { createTestContext } from '../support/context.ts';

const silent = pino({ level: 'silent' });

/** The rotation schedule: one node at a time through core's leases, due rotations only, each recorded. */
describe('secrets rotation schedule (PostgreSQL)', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
  });
  afterAll(() => ctx?.close());

  it('runs on one of two nodes at a time, rotating once per period and recording each', async () => {
    const log = createRotationLog(ctx.db);
    const rotatedAt: number[] = [];
    const rotatedBy = new Set<string>();
    const node = (name: string): { leases: Leases; rotation: ScheduledRotation } => ({
      leases: createLeases(ctx.db, silent, { ttlMs: 3_000, holder: name }),
      rotation: {
        kind: 'transit',
        everyMs: 1_000,
        current: async () => 'version 1',
        async rotate() {
          rotatedAt.push(Date.now());
          rotatedBy.add(name);
          return `version ${rotatedAt.length + 1}`;
        },
      },
    });
    const nodes = [node('node-a'), node('node-b')];
    const stops = nodes.map(({ leases, rotation }) =>
      startRotationSchedule(leases, [rotation], log, systemClock, silent),
    );
    await vi.waitFor(() => expect(rotatedAt.length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 200 });
    await Promise.all(stops.map((stop) => stop()));
    await Promise.all(nodes.map(({ leases }) => leases.close()));

    // Only the lease's holder rotates, and never twice within a period (the record of the last one says when).
    expect(rotatedBy.size).toBe(1);
    for (let i = 1; i < rotatedAt.length; i++) expect(rotatedAt[i]! - rotatedAt[i - 1]!).toBeGreaterThanOrEqual(900);
    const [record] = await log.list();
    expect(record).toMatchObject({ kind: 'transit', scope: 'cluster', detail: `version ${rotatedAt.length + 1}` });
  });

  it('rotates the transit key and the jwt key pair of a running secrets module when due', async () => {
    const node = await createTestContext({
      backend: 'postgres',
      env: { ROTATE_TRANSIT_EVERY: '1', ROTATE_API_KEYS_EVERY: '1', SECRETS_REFRESH_SECONDS: '1' },
    });
    try {
      const secrets = createSecretsModule(node);
      await secrets.prepare();
      // The schedule is the module's worker: the agents worker (or `npm start`) runs it.
      const [rotationWorker] = secrets.workers;
      const stopRotating = await rotationWorker!.start();
      node.onClose(stopRotating);
      const [sealed] = await secrets.cipher.encrypt(['before the rotation']);
      await vi.waitFor(
        async () => {
          const kinds = Object.fromEntries((await secrets.rotations()).map((r) => [r.kind, r.detail]));
          expect(kinds.transit).toMatch(/^alphanest version [2-9]/);
          expect(kinds.jwt).toMatch(/^jwt version [1-9]/);
        },
        { timeout: 30_000, interval: 250 },
      );
      // The node signs with the store's rotated pair, and what was encrypted before still opens.
      expect(node.auth.canSign).toBe(true);
      expect(await secrets.cipher.decrypt([sealed!])).toEqual(['before the rotation']);
      expect((await secrets.backend.kv.get('jwt'))?.data.private_key).toMatch(/PRIVATE KEY/);
    } finally {
      await node.close();
    }
  });
});
