import type { Component } from '../../runtime/component.ts';
import { startAgents } from './runner.ts';

/** The agents as a node component: in-process under `npm start`, alone with `serve agents`. */
export function createAgentsComponent(options: { only?: string } = {}): Component {
  return {
    name: 'agents',
    async start(platform) {
      if (!platform.ctx.config.AGENTS_ENABLED) {
        platform.ctx.logger.info('agents disabled (AGENTS_ENABLED=false)');
        return async () => {};
      }
      return startAgents(platform, options);
    },
  };
}

export const agentsComponent = createAgentsComponent();
