import type { Config } from '../../core/config.ts';

/** The services the dashboard forwards to and reports on, by what they serve. */
export interface Upstreams {
  gateway: string;
  tools: string;
  arbitrage: string;
}

/** The configured URLs, else the components on this machine (what `npm start` runs beside the dashboard). */
export const upstreamsOf = (config: Config): Upstreams => ({
  gateway: config.DASHBOARD_GATEWAY_URL ?? `http://127.0.0.1:${config.PORT}`,
  tools: config.DASHBOARD_TOOLS_URL ?? `http://127.0.0.1:${config.MCP_PORT}`,
  arbitrage: config.DASHBOARD_ARBITRAGE_URL ?? `http://127.0.0.1:${config.ARBITRAGE_PORT}`,
});
