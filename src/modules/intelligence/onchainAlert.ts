import { sql } from 'drizzle-orm';
import { ONCHAIN_WATCH_AGENT_ID } from './agentCatalogue.ts';
import { intelligenceItems as t } from './table.ts';

/**
 * Whether an item is an on-chain token alert (filed by the on-chain agent), which a briefing reports apart
 * from the market's items: in its events and in its mention movers. A literal, not a parameter, so the
 * grouping and the window's partition are one expression.
 */
export const isOnchainAlert = sql<boolean>`(${t.agentId} = ${sql.raw(`'${ONCHAIN_WATCH_AGENT_ID}'`)})`;
