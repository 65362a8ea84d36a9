import type { ModuleMigrations } from './core/db/moduleMigrations.ts';
import { intelligenceMigrations } from './modules/intelligence/table.ts';
import { streamMigrations } from './modules/stream/table.ts';
import { agentsMigrations } from './modules/agents/table.ts';
import { connectorsMigrations } from './modules/connectors/table.ts';
import { clanMigrations } from './modules/clan/table.ts';
import { chatMigrations } from './modules/chat/table.ts';

/** Every module's migrations, in the order they are applied (no module's tables refer to a later one's). */
export const moduleMigrations: readonly ModuleMigrations[] = [
  intelligenceMigrations,
  streamMigrations,
  agentsMigrations,
  connectorsMigrations,
  clanMigrations,
  chatMigrations,
];
