import { z } from 'zod';
import { chainAddressInput } from '../onchain/index.ts';
import { FLAG_CATEGORIES } from './table.ts';

export const walletInput = chainAddressInput.extend({
  address: chainAddressInput.shape.address.describe('the wallet (or contract) to look into'),
});

const address = z.string().describe('EIP-55 address');
const txHash = z.string().describe('transaction hash');
const amount = z.string().describe('in whole coins or tokens (decimal text: no precision lost)');
const flag = z.object({ category: z.enum(FLAG_CATEGORIES), reason: z.string(), source: z.string() });
const moment = z.object({ block: z.number(), time: z.string().nullable() }).nullable();

export const analyzeOutput = z.object({
  chain: z.string(),
  address,
  is_contract: z.boolean(),
  created_by: address
    .nullable()
    .describe('for a contract, the address that deployed it (null: not a contract, or its creator is not known)'),
  block: z.number().describe('the block balances were read at'),
  native_balance: amount,
  token_balances: z
    .array(z.object({ token: address, symbol: z.string().nullable(), balance: amount }))
    .nullable()
    .describe('non-zero balances of the tokens it moved (null: its token transfers are not at hand)'),
  first_activity: moment,
  last_activity: moment,
  tx_count: z.number().nullable(),
  top_counterparties: z
    .array(
      z.object({
        address,
        sent: z.number().describe('transfers to it'),
        received: z.number().describe('transfers from it'),
        native_sent: amount,
        native_received: amount,
        flag: flag.nullable(),
      }),
    )
    .nullable(),
  funding_source: z
    .object({
      from: address,
      tx_hash: txHash,
      block: z.number(),
      time: z.string(),
      value: amount,
      flag: flag.nullable(),
    })
    .nullable()
    .describe('the first inbound native transfer'),
  contracts_deployed: z
    .array(
      z.object({
        address,
        symbol: z.string().nullable(),
        level: z.enum(['safe', 'caution', 'danger', 'unknown']).nullable().describe("naughty_coin's level"),
        score: z.number().nullable(),
        note: z.string().nullable(),
      }),
    )
    .nullable(),
  liquidity: z
    .array(
      z.object({
        pair: address,
        token: address,
        added_native: amount,
        removed_native: amount,
        removed_pct: z.number().nullable().describe('what it removed against what the pool held before'),
        largest_removal_tx: txHash.nullable(),
      }),
    )
    .nullable(),
  flagged: flag.nullable().describe('the address itself is flagged'),
  flagged_interactions: z
    .array(
      flag.extend({
        address,
        sent: z.number(),
        received: z.number(),
        native_sent: amount,
        native_received: amount,
        first_tx_hash: txHash,
      }),
    )
    .nullable(),
  notes: z.array(z.string()).describe('what is missing or cut short; null fields above are unknown, never "none"'),
});

const EVIDENCE_IDS = [
  'flagged_address',
  'funded_by_flagged',
  'received_from_flagged',
  'sent_to_flagged',
  'mixer_interaction',
  'deployed_dangerous_token',
  'deployed_risky_token',
  'liquidity_removed',
] as const;
export const EVIDENCE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const RISK_LEVELS = ['low', 'medium', 'high', 'critical', 'unknown'] as const;

export const dossierOutput = z.object({
  chain: z.string(),
  address,
  is_contract: z
    .boolean()
    .describe("a contract's dossier reads its transactions as a wallet's: naughty_coin.check_token rates the contract"),
  risk_level: z.enum(RISK_LEVELS),
  score: z.number().describe('0 = nothing found … 100'),
  evidence: z.array(
    z.object({
      id: z.enum(EVIDENCE_IDS),
      severity: z.enum(EVIDENCE_SEVERITIES),
      description: z.string(),
      tx_hash: txHash.optional(),
      counterparty: address.optional(),
      token: address.optional(),
    }),
  ),
  summary: z.string(),
  notes: z.array(z.string()).describe('history not at hand or cut short'),
});

export type AnalyzeOutput = z.input<typeof analyzeOutput>;
export type DossierOutput = z.input<typeof dossierOutput>;
export type Evidence = DossierOutput['evidence'][number];

/** A flag as POST /api/v1/flags and GET answer it. */
export const flagView = z.object({
  chain_id: z.number(),
  address,
  category: z.enum(FLAG_CATEGORIES),
  reason: z.string(),
  source: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
