import type { Principal } from '../../core/auth/auth.ts';

/** The agent whose items anyone allowed to ingest may post: what is posted without an `agent_id`. */
const GENERIC_AGENT = 'ingest';

/**
 * Why this caller may not publish as this agent, or null when it may. An admin
 * publishes for any agent; an agent token only as the agents its `agents` claim
 * names, and without the claim only as the generic agent, so a leaked token of
 * one agent cannot put words in every agent's mouth.
 */
export function publishRefusal(principal: Principal, agentId: string): string | null {
  if (principal.role === 'admin') return null;
  const allowed = principal.agents ?? [GENERIC_AGENT];
  if (allowed.includes(agentId)) return null;
  return `this token may publish as ${allowed.join(', ')} only (an admin may publish for any agent)`;
}
