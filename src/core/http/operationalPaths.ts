/**
 * Liveness, health and metrics: load balancers and Prometheus must reach them
 * however busy a client or the node is, so rate limits and load shedding pass
 * them by, and tracing leaves them out (they would drown real traces).
 */
const OPERATIONAL_PATHS = new Set(['/health', '/ping', '/metrics']);

export const isOperationalPath = (url: string): boolean => OPERATIONAL_PATHS.has(url.split('?')[0]!);
