import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';
import { FINDING_IDS, SEVERITIES } from './check/findings.ts';

/** A chain as tools take it: its id (a number, or digits) or its configured name. */
const chainInput = z
  .union([z.number().int().positive(), z.string().trim().min(1).max(40)], {
    // zod's own word for a value neither branch takes is "Invalid input", which tells a caller nothing.
    error: 'must be a chain id (a positive whole number, or its digits) or a configured chain name',
  })
  .describe('chain id (31337, 1, 8453…) or configured name (local, ethereum, base…)');

/**
 * An address as typed: all lower or all upper case carries no checksum and is taken as it is; mixed case must be its
 * EIP-55 checksum, which catches a digit mistyped in a copied address before a check reads another contract.
 */
const evmAddress = z
  .string()
  .trim()
  .refine((v) => isAddress(v, { strict: false }), {
    message: 'must be a 0x-prefixed 20-byte hex address',
    abort: true,
  })
  .refine((v) => v.slice(2) === v.slice(2).toUpperCase() || isAddress(v, { strict: true }), {
    message: 'checksum mismatch (EIP-55); use the address as printed or all lowercase',
  })
  .transform((v): Address => getAddress(v));

export const checkTokenInput = z.object({ chain: chainInput, address: evmAddress.describe('the token contract') });

const address = z.string().describe('EIP-55 address');
const pct = z.number().nullable();

export const checkTokenOutput = z.object({
  chain: z.string(),
  address,
  token: z.object({
    name: z.string().nullable(),
    symbol: z.string().nullable(),
    decimals: z.number(),
    total_supply: z.string().describe('in whole tokens'),
  }),
  level: z.enum(['safe', 'caution', 'danger', 'unknown']),
  score: z.number().describe('0 = no risk found … 100 = certain scam'),
  findings: z.array(
    z.object({ id: z.enum(FINDING_IDS), severity: z.enum(SEVERITIES), title: z.string(), evidence: z.string() }),
  ),
  simulation: z.object({
    can_buy: z.boolean().nullable(),
    can_sell: z.boolean().nullable(),
    buy_tax_pct: pct,
    sell_tax_pct: pct,
    transfer_tax_pct: pct,
    buy_gas: z.number().nullable(),
    sell_gas: z.number().nullable(),
    pool: address.nullable(),
  }),
  holders: z
    .object({
      source: z.enum(['transfer_logs', 'balances']),
      holder_count: z.number().nullable(),
      top: z.array(z.object({ address, share_pct: z.number(), label: z.string().nullable() })),
      owner_share_pct: pct,
      creator_share_pct: pct,
      index_behind_blocks: z
        .number()
        .describe('blocks the chain index trails the head by: over a few, holders come from balances only'),
    })
    .nullable(),
  liquidity: z
    .object({
      dex: z.string(),
      pool: address,
      native_reserve: z.number(),
      token_reserve: z.number(),
      native_symbol: z.string().nullable(),
      usd: z.number().nullable(),
      lp_burned_pct: pct,
      lp_locked_pct: pct.describe('share of the LP tokens held by the chain’s known liquidity lockers'),
      lp_locked_in: z.array(z.string()).describe('the lockers holding them'),
    })
    .nullable(),
  source_code: z
    .object({
      verified: z.boolean().nullable().describe('null: unknown (no explorer configured, or it did not answer)'),
      contract_name: z.string().nullable(),
      explorer: z.string().nullable().describe('the explorer asked'),
    })
    .describe('whether the chain’s explorer holds the verified source (a proxy’s and its implementation’s)'),
  block: z.number().describe('the block the check read'),
  checked_at: z.string(),
});

export const scanNewInput = z.object({
  chain: chainInput,
  from_block: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe(
      'pools created from this block on; default: the last 7,200 blocks the index covers (about a day on Ethereum)',
    ),
  limit: z.number().int().min(1).max(100).default(20).describe('pools checked at most (the oldest first)'),
});

export const scanNewOutput = z.object({
  chain: z.string(),
  from_block: z.number(),
  to_block: z.number().describe('the last block the chain index covers: newer pools are not seen yet'),
  index_behind_blocks: z.number().describe('how far the index trails the chain head'),
  next_from_block: z.number().describe('where the next scan starts (after the last pool checked)'),
  tokens: z
    .array(
      z.object({
        address,
        symbol: z.string().nullable(),
        name: z.string().nullable(),
        pair: address,
        pool_block: z.number(),
        level: z.enum(['safe', 'caution', 'danger', 'unknown']),
        score: z.number(),
        findings: z.array(z.object({ id: z.enum(FINDING_IDS), severity: z.enum(SEVERITIES), title: z.string() })),
        error: z.string().nullable().describe('why the token could not be checked (level unknown)'),
      }),
    )
    .describe('riskiest first'),
});
