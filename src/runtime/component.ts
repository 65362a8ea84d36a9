import type { Config } from '../core/config.ts';
import type { Platform } from '../platform.ts';

/** A long-running part of a node (an HTTP app, the agents, the arbitrage engine). */
export interface Component {
  name: string;
  /** Where a person can reach it; printed before anything else at start. */
  urls?(config: Config): string[];
  /** Starts it; resolves with the function that stops it. */
  start(platform: Platform): Promise<() => Promise<void>>;
}
