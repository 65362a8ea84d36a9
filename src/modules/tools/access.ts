import { roles, type Principal, type Role } from '../../core/auth/auth.ts';
import { toolError, type ToolError } from './toolErrors.ts';

/**
 * A tool names the least role that may call it. Roles rank in the order the
 * platform declares them (user < agent < service < admin), so an admin can
 * call everything a user can, and a guest only tools open to guests.
 */
const rank = (role: Role | 'guest') => (role === 'guest' ? 0 : roles.indexOf(role) + 1);

/** Why `principal` may not call a tool that needs `least`, or undefined when it may. */
export function accessDenied(least: Role | 'guest', principal: Principal | null): ToolError | undefined {
  if (least === 'guest') return undefined;
  if (!principal)
    return toolError(401, 'unauthorized', `sign in with a bearer token: this tool needs the ${least} role`);
  if (rank(principal.role) < rank(least))
    return toolError(403, 'forbidden', `this tool needs the ${least} role or above; the token has ${principal.role}`);
  return undefined;
}
