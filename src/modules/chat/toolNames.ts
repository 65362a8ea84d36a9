/**
 * The names the model sees. Six tools keep the chat names users and prompts
 * already know; every other registry tool is offered as `domain__action`,
 * since providers accept only [A-Za-z0-9_-] in function names.
 */
export const CHAT_ALIASES: Readonly<Record<string, string>> = {
  arbitrage_lookup: 'arbitrage.find_opportunities',
  clan_score_lookup: 'clan.score_lookup',
  osint_coin_discovery: 'osint.discover_coins',
  scam_wallet_dossier: 'wallet.scam_dossier',
  shop_theme_generator: 'shop.generate_theme',
  user_onboarding_help: 'onboarding.help',
};

const aliasOf = new Map(Object.entries(CHAT_ALIASES).map(([alias, tool]) => [tool, alias]));

/** The name a registry tool is offered under. */
export function chatToolName(registryName: string): string {
  return aliasOf.get(registryName) ?? registryName.replace('.', '__');
}

/** The registry tool a chat name stands for (whether or not it exists). */
export function registryToolName(chatName: string): string {
  return CHAT_ALIASES[chatName] ?? chatName.replace('__', '.');
}
