import type { Platform } from '../../platform.ts';
import type { ToolDomain } from '../tools/tool.ts';
import { arbitrageTools } from './tools.ts';

export function arbitrageDomain(platform: Platform): ToolDomain {
  return {
    name: 'arbitrage',
    description: 'Cross-exchange and triangular arbitrage over live order books (or the embedded simulated market), net of taker fees.',
    tools: arbitrageTools(),
    start: () => platform.arbitrage.engine.start(),
  };
}
