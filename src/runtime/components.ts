import type { Component } from './component.ts';
import { gatewayComponent } from './gatewayComponent.ts';

/** What `npm start` runs; `cli serve <name>` runs one of them alone. */
export const components: Record<string, Component> = {
  gateway: gatewayComponent,
};

export const allComponents = Object.values(components);
