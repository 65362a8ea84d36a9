/**
 * Clients asking the feed back to back until stopped, each request with an `until` never asked before, so every one
 * misses the cache and reaches PostgreSQL: the load the database-login tests keep up while the pool changes under it
 * (a rotation, a sealed Vault, a new URL). Every answer but a 200 is kept, with its status and the start of its body.
 */
export function uncachedFeedTraffic(gatewayUrl: string, { clients = 2, size = 5 } = {}) {
  const failures: string[] = [];
  let served = 0;
  let n = 0;
  let running = true;
  const client = async () => {
    while (running) {
      const until = new Date(Date.now() + 86_400_000 - n++).toISOString();
      const response = await fetch(`${gatewayUrl}/api/v1/intelligence/?size=${size}&until=${until}`).catch(
        (err: Error) => ({ status: 0, text: async () => err.message }),
      );
      if (response.status === 200) served++;
      else failures.push(`${response.status} ${(await response.text()).slice(0, 200)}`);
    }
  };
  const all = Promise.all(Array.from({ length: clients }, client));
  return {
    failures,
    /** Requests answered 200 so far. */
    served: () => served,
    /** Lets each client finish its request in flight, and waits for them. */
    async stop() {
      running = false;
      await all;
    },
  };
}
