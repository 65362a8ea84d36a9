import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';
import { httpUrlSchema } from '../../../core/httpUrl.ts';

const address = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), { message: 'must be a 0x-prefixed 20-byte hex address' })
  .transform((v): Address => getAddress(v));

const dexSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, { message: 'must be a lower-case name (a-z, 0-9, . and -)' }),
  kind: z.literal('uniswap-v2', { message: 'must be uniswap-v2 (the one kind of DEX supported)' }),
  factory: address,
  router: address,
});

/** A contract that holds LP tokens until an unlock time (Unicrypt, Team Finance, PinkLock…): LP held there is locked. */
const lockerSchema = z.strictObject({
  name: z.string().min(1).max(60),
  address,
});

const chainSchema = z.strictObject({
  id: z.number({ message: 'must be a number' }).int().positive({ message: 'must be a positive chain id' }),
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { message: 'must be a lower-case name (a-z, 0-9 and -)' }),
  rpc_url: httpUrlSchema.nullable().default(null),
  wrapped_native: address,
  /** The native coin's ticker (`ETH`, `BNB`), for texts that name amounts; left out: they say "native coin". */
  native_symbol: z
    .string()
    .regex(/^[A-Za-z0-9.]{1,12}$/, { message: 'must be a ticker of 1 to 12 letters or digits' })
    .optional(),
  dexes: z.array(dexSchema).default([]),
  explorer_api_url: httpUrlSchema.nullable().default(null),
  explorer_api_key: z.string().nullable().default(null),
  start_block: z.number().int().nonnegative().default(0),
  /** Liquidity lockers on this chain; left out: the ones bundled for its id. */
  lockers: z.array(lockerSchema).optional(),
});

/** CHAINS_FILE as operators write it: `{"chains":[{id, name, rpc_url, wrapped_native, dexes, explorer_api_url, explorer_api_key, start_block}]}`. */
const chainsFileSchema = z
  .strictObject({ chains: z.array(chainSchema).min(1, { message: 'must list at least one chain' }) })
  .superRefine(({ chains }, ctx) => {
    chains.forEach((chain, i) => {
      if (chains.findIndex((c) => c.id === chain.id) < i)
        ctx.addIssue({ code: 'custom', path: ['chains', i, 'id'], message: `chain id ${chain.id} is listed twice` });
      if (chains.findIndex((c) => c.name === chain.name) < i)
        ctx.addIssue({
          code: 'custom',
          path: ['chains', i, 'name'],
          message: `chain name ${chain.name} is listed twice`,
        });
    });
  });

/** One chain as the platform uses it (a CHAINS_FILE entry, or a bundled one). */
export type ChainSpec = z.output<typeof chainSchema>;

/** A chain with the RPC URL it is reached at. */
export type ConfiguredChain = ChainSpec & { rpc_url: string; lockers: Locker[] };

export type Locker = z.output<typeof lockerSchema>;

/** A CHAINS_FILE or CHAIN_RPC_URLS that cannot be used: every problem, one line each, naming the field. */
export class ChainsConfigError extends Error {}

/** Reads a CHAINS_FILE's text; throws a ChainsConfigError naming each bad field (`chains.0.wrapped_native: …`). */
export function parseChainsFile(text: string, path: string): ChainSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ChainsConfigError(`CHAINS_FILE ${path}: not JSON (${(err as Error).message})`);
  }
  const parsed = chainsFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ChainsConfigError(
      `CHAINS_FILE ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data.chains;
}

/** CHAIN_RPC_URLS (`1=https://…,8453=https://…`; its format was checked with the configuration) by chain id. */
export function parseRpcUrls(raw: string | undefined): Map<number, string> {
  const urls = new Map<number, string>();
  for (const entry of (raw ?? '').split(',')) {
    const at = entry.indexOf('=');
    if (at < 0) continue;
    urls.set(Number(entry.slice(0, at).trim()), entry.slice(at + 1).trim());
  }
  return urls;
}

/**
 * The chains the platform talks to: CHAINS_FILE's (or the bundled list), with CHAIN_RPC_URLS overriding their
 * URLs by id. A bundled chain without a URL is left out; a file's chain without one, or a URL for a chain no
 * list names, is an error. Empty: no chain is configured, and the embedded local chain serves.
 */
export function configuredChains(
  listed: readonly ChainSpec[],
  rpcUrls: Map<number, string>,
  fromFile: boolean,
  bundledLockers: (chainId: number) => Locker[] = () => [],
) {
  const problems: string[] = [];
  for (const id of rpcUrls.keys())
    if (!listed.some((c) => c.id === id))
      problems.push(
        `CHAIN_RPC_URLS: chain ${id} is not ${fromFile ? 'in CHAINS_FILE' : 'bundled (1, 8453, 56, 42161): list it in a CHAINS_FILE'}`,
      );
  const chains: ConfiguredChain[] = [];
  listed.forEach((chain, i) => {
    const url = rpcUrls.get(chain.id) ?? chain.rpc_url;
    if (url) chains.push({ ...chain, rpc_url: url, lockers: chain.lockers ?? bundledLockers(chain.id) });
    else if (fromFile)
      problems.push(`CHAINS_FILE: chains.${i}.rpc_url: required (or give CHAIN_RPC_URLS=${chain.id}=…)`);
  });
  if (problems.length) throw new ChainsConfigError(problems.join('; '));
  return chains;
}
