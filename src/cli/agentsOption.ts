import { UsageError } from './command.ts';

/** `--agents a,b`: the catalogue agents an agent token (or service account) may publish as. */
export async function agentsOption(value: string | undefined, role: string): Promise<string[] | undefined> {
  if (value === undefined) return undefined;
  if (role !== 'agent') throw new UsageError('--agents binds an agent token: use it with --role agent');
  // The catalogue is the intelligence module's, read from its own file, a light face .dependency-cruiser.cjs lets the
  // CLI import: the module's index loads the whole module (seconds of a command's start) for a list of ids.
  const { isCatalogueAgent } = await import('../modules/intelligence/agentCatalogue.ts');
  const agents = value.split(',').map((id) => id.trim());
  // An empty one (`--agents ''`, `a,,b`, a trailing comma) would be reported as an unknown agent with no name.
  if (agents.includes('')) throw new UsageError('--agents: an empty agent id; give catalogue ids separated by commas');
  const unknown = agents.filter((id) => !isCatalogueAgent(id));
  if (unknown.length) throw new UsageError(`--agents: not in the agent catalogue: ${unknown.join(', ')}`);
  // Named twice, an agent would be twice in the token's claim and the account's row.
  return [...new Set(agents)];
}
