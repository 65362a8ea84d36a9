import type { Component } from './component.ts';
import { gatewayComponent } from './gatewayComponent.ts';
import { agentsComponent } from '../modules/agents/component.ts';
import { arbitrageComponent } from '../modules/arbitrage/component.ts';
import { mcpComponent } from '../modules/tools/component.ts';

/** What `npm start` runs; `cli serve <name>` runs one of them alone. */
export const components: Record<string, Component> = {
  gateway: gatewayComponent,
  agents: agentsComponent,
  arbitrage: arbitrageComponent,
  mcp: mcpComponent,
};

export const allComponents = Object.values(components);
