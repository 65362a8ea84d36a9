import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import { errorBody } from '../../core/http/errors.ts';

/** The host name of a Host header or an origin URL, without the port (`[::1]` keeps its brackets). */
function hostName(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);

/**
 * DNS-rebinding protection for the endpoints that run tools: a web page that
 * rebinds its own name to 127.0.0.1 still sends that name as Host and Origin.
 * The Host must be one this server answers to (MCP_ALLOWED_HOSTS, by name, any
 * port, `*` for any); an Origin, when a browser sends one, must be one of
 * MCP_ALLOWED_ORIGINS, or by default any origin on an allowed host.
 */
export function originGuard(config: Pick<Config, 'MCP_ALLOWED_HOSTS' | 'MCP_ALLOWED_ORIGINS'>) {
  const anyHost = config.MCP_ALLOWED_HOSTS.trim() === '*';
  const hosts = new Set(list(config.MCP_ALLOWED_HOSTS));
  const origins = config.MCP_ALLOWED_ORIGINS
    ? new Set(list(config.MCP_ALLOWED_ORIGINS).map((o) => new URL(o).origin))
    : undefined;
  const hostAllowed = (name: string | undefined) => anyHost || (name !== undefined && hosts.has(name));

  return async (request: FastifyRequest, reply: FastifyReply) => {
    const host = request.headers.host;
    if (!host || !hostAllowed(hostName(host))) {
      return reply
        .status(403)
        .send(
          errorBody(
            'forbidden_host',
            `Host ${host ?? '(none)'} is not one this server answers to (MCP_ALLOWED_HOSTS)`,
            'host',
          ),
        );
    }
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const allowed = origins ? origins.has(origin.toLowerCase()) : hostAllowed(hostName(origin));
    if (!allowed)
      return reply
        .status(403)
        .send(errorBody('forbidden_origin', `Origin ${origin} is not allowed (MCP_ALLOWED_ORIGINS)`, 'origin'));
  };
}
