import type { Lease } from './leases.ts';

/** Leases a set of holders spread between them: each takes at most its share of the group's `total`. */
export interface Share {
  /** The names' common prefix (`connector:`). */
  group: string;
  /** How many names the group has (every holder is expected to hold for the same ones). */
  total: number;
}

interface Deps {
  holder: string;
  tryAcquire(name: string): Promise<(Lease & { release(): Promise<void> }) | null>;
  /** The names this holder holds now. */
  heldNames(): string[];
  /** How many live leases have names starting with `prefix`. */
  countLive(prefix: string): Promise<number>;
}

/**
 * Who holds how much of a group: each holder that holds for a group is a member of it while it lives (a lease
 * `member:<group>:<holder>`, renewed like any other, so a dead holder stops counting when it expires), and its
 * share is the group's total over the live members, rounded up. A holder below its share takes free names; one
 * above it (a member joined) gives up the excess, its last names in order, for the others to take.
 */
export function createFairShares(deps: Deps) {
  const memberships = new Map<string, Promise<(Lease & { release(): Promise<void> }) | null>>();

  async function ensureMember(group: string) {
    const current = await memberships.get(group);
    if (current && !current.signal.aborted) return;
    memberships.set(
      group,
      deps.tryAcquire(`member:${group}:${deps.holder}`).catch(() => null),
    );
    await memberships.get(group);
  }

  async function share({ group, total }: Share) {
    await ensureMember(group);
    const members = Math.max(1, await deps.countLive(`member:${group}:`));
    const mine = deps
      .heldNames()
      .filter((name) => name.startsWith(group))
      .sort();
    return { fair: Math.ceil(total / members), mine };
  }

  return {
    /** Whether this holder may take another name of the group now. */
    async mayTake(group: Share): Promise<boolean> {
      const { fair, mine } = await share(group);
      return mine.length < fair;
    },
    /** Whether this holder should give `name` up: it is among the names above its share. */
    async excess(group: Share, name: string): Promise<boolean> {
      const { fair, mine } = await share(group);
      return mine.indexOf(name) >= fair;
    },
    /** Gives up every membership (the leases' close). */
    async close() {
      for (const membership of memberships.values()) await (await membership)?.release();
      memberships.clear();
    },
  };
}
