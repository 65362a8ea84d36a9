import type { Clock } from '../../core/clock.ts';
import type { Lease, Leases } from '../../core/lease/leases.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import type { RotationLog } from './rotationLog.ts';

/** One kind of rotation the schedule runs: how often, what it is now, and how to rotate it. */
export interface ScheduledRotation {
  kind: 'transit' | 'jwt';
  everyMs: number;
  /** Why it is not rotated here (the environment's value wins), if so. */
  skipped?: string;
  /** What it is now, recorded as the starting point when the schedule first sees it. */
  current(): Promise<string>;
  /** Rotates it; answers what it is now. */
  rotate(): Promise<string>;
  /** Work that follows a rotation (resealing stored ciphertexts): logged, never undoes it; `signal` aborts on stop. */
  after?(signal: AbortSignal): Promise<string>;
}

/** The schedule's lease: one node at a time runs it. */
const LEASE = 'secrets-rotation';

/**
 * The rotation schedule (ROTATE_TRANSIT_EVERY, ROTATE_API_KEYS_EVERY), run by one node at a time under
 * a lease of core's (ctx.leases). It looks every quarter of the shortest period (1 s to a minute) at
 * when each kind last rotated (secret_rotations); a kind seen for the first time is recorded as of now,
 * not rotated. A rotation is recorded in the lease's fenced transaction, so a node that lost the lease
 * meanwhile records nothing. Database logins rotate on each node by themselves (databaseLogins.ts).
 */
export function startRotationSchedule(
  leases: Leases,
  rotations: readonly ScheduledRotation[],
  log: RotationLog,
  clock: Clock,
  logger: Logger,
): () => Promise<void> {
  const checkMs = Math.min(60_000, Math.max(1_000, Math.min(...rotations.map((r) => r.everyMs)) / 4));
  for (const rotation of rotations)
    if (rotation.skipped)
      logger.info({ kind: rotation.kind, why: rotation.skipped }, 'secrets: not rotated on schedule');
  const due = rotations.filter((rotation) => !rotation.skipped);

  async function runIfDue(rotation: ScheduledRotation, lease: Lease) {
    const last = await log.last(rotation.kind);
    if (!last) {
      const detail = await rotation.current();
      await lease.fenced((tx) => log.record(rotation.kind, { detail }, tx));
      return;
    }
    if (clock.now() - last.getTime() < rotation.everyMs) return;
    const detail = await rotation.rotate();
    await lease.fenced((tx) => log.record(rotation.kind, { detail }, tx));
    logger.info({ kind: rotation.kind, detail, lease_token: lease.token }, 'secrets: rotated on schedule');
    await rotation.after?.(lease.signal).then(
      (after) => logger.info({ kind: rotation.kind, after }, 'secrets: after rotation'),
      (err: Error) =>
        logger.warn(
          { kind: rotation.kind, err: errorText(err) },
          'secrets: the work after a rotation failed; run it again',
        ),
    );
  }

  return leases.singleton(LEASE, async (lease) => {
    let running: Promise<void> | undefined;
    const runDue = async () => {
      for (const rotation of due) {
        if (lease.signal.aborted) return;
        await runIfDue(rotation, lease).catch((err: Error) =>
          logger.warn({ kind: rotation.kind, err: errorText(err) }, 'secrets: scheduled rotation failed; tried again'),
        );
      }
    };
    // A tick while the last one still runs is skipped.
    const tick = () => {
      running ??= runDue().finally(() => (running = undefined));
    };
    tick();
    const stop = clock.every(checkMs, tick);
    return async () => {
      stop();
      await running;
    };
  });
}
