import { defineModule, type FaceOf } from '../../core/module.ts';
import { createTokenRegistry } from './tokenRegistry.ts';

/** The tokens the platform knows by symbol, name and address: what analysis, market data and the chat resolve against. */
export const tokensModule = defineModule({
  name: 'tokens',
  create: () => ({ registry: createTokenRegistry() }),
});

export type TokensModule = FaceOf<typeof tokensModule>;
export { createTokenRegistry, type TokenRecord, type TokenRegistry } from './tokenRegistry.ts';
export { canonicalAddress } from './tokenCatalog.ts';
