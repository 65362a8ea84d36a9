/**
 * How long a connection to a backing service (PostgreSQL, Redis) stays idle
 * before TCP starts probing its peer, so one a partition, firewall or failover
 * silently dropped is noticed and replaced before a request needs it. Busy
 * connections have their own deadlines (query and command timeouts).
 */
export const TCP_KEEP_ALIVE_DELAY_MS = 10_000;
