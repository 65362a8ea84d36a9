import type { Component } from '../core/module.ts';
import { platformModules } from '../platform.ts';
import { gatewayComponent } from './gatewayComponent.ts';

/** What `npm start` runs, in order; `alphanest serve <name>` runs one of them alone. */
export const allComponents: Component[] = [gatewayComponent, ...platformModules.components()];

export const components: Record<string, Component> = Object.fromEntries(allComponents.map((c) => [c.name, c]));
