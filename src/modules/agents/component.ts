import type { Component } from '../../runtime/component.ts';
import { startAgents } from './runner.ts';

/**
 * The agents as a node component: in-process under `npm start`, alone with
 * `serve agents`. It also runs the background processes of tool domains that
 * feed the intelligence store (the arbitrage scanner, the DEX Screener
 * connector), so a node that ingests runs all of its producers.
 */
export function createAgentsComponent(options: { only?: string } = {}): Component {
  return {
    name: 'agents',
    async start(platform) {
      if (!platform.ctx.config.AGENTS_ENABLED) {
        platform.ctx.logger.info('agents disabled (AGENTS_ENABLED=false)');
        return async () => {};
      }
      const stops = [await startAgents(platform, options)];
      if (!options.only) {
        for (const domain of platform.tools.domains) if (domain.start) stops.push(await domain.start());
      }
      return async () => {
        for (const stop of stops.reverse()) await stop();
      };
    },
  };
}

export const agentsComponent = createAgentsComponent();
