import type { Address } from 'viem';
import type { TokenRegistry } from '../../tokens/index.ts';
import type { Finding } from './findings.ts';

/**
 * A name or symbol of a well-known token (a ranked entry of the platform's token list) at an address that is
 * none of that token's known deployments.
 */
export function impersonation(
  registry: TokenRegistry,
  token: { address: Address; name: string | null; symbol: string | null },
  wrappedNative: Address,
): Finding | null {
  if (token.address.toLowerCase() === wrappedNative.toLowerCase()) return null;
  const known = [
    ...(token.symbol ? registry.bySymbol(token.symbol) : []),
    ...(token.name ? registry.byName(token.name) : []),
  ].filter((r) => r.rank !== undefined);
  const famous = known[0];
  if (!famous) return null;
  const deployments = [...registry.bySymbol(famous.symbol), ...registry.byName(famous.name)].flatMap((r) =>
    r.address ? [r.address.toLowerCase()] : [],
  );
  if (deployments.includes(token.address.toLowerCase())) return null;
  return {
    id: 'impersonation',
    severity: 'high',
    title: `Imitates ${famous.name} (${famous.symbol})`,
    evidence: `named "${token.name}" (${token.symbol}), like ${famous.name} (${famous.symbol}, rank ${famous.rank}), but ${token.address} is not one of its known contracts`,
  };
}
