import fp from 'fastify-plugin';
import type { OAuthSettings } from './oauthTokens.ts';

/** Where RFC 9728 puts a resource's metadata: the well-known prefix before the resource's own path. */
function metadataUrl(resource: string): string {
  const { origin, pathname } = new URL(resource);
  return `${origin}/.well-known/oauth-protected-resource${pathname === '/' ? '' : pathname.replace(/\/$/, '')}`;
}

/**
 * The tool server as an OAuth 2.1 protected resource (RFC 9728), as the MCP authorization specification
 * asks: its metadata names the authorization server a client should get a token from, and every 401 says
 * where that metadata is, so an MCP client can discover the whole flow from one refused request.
 */
export const protectedResource = fp<{ settings: OAuthSettings }>(async (app, { settings }) => {
  const metadata = {
    resource: settings.resource,
    authorization_servers: [settings.issuer],
    scopes_supported: [...settings.scopeRoles.keys()],
    bearer_methods_supported: ['header'],
    resource_name: 'AlphaNest MCP',
  };
  const own = new URL(metadataUrl(settings.resource)).pathname;
  for (const path of new Set(['/.well-known/oauth-protected-resource', own]))
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'max-age=3600').send(metadata),
    );

  const challenge = `Bearer resource_metadata="${metadataUrl(settings.resource)}"`;
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 401) return payload;
    // A token was sent and refused: say so, so the client gets a new one instead of asking the user again.
    const refused = request.headers.authorization ? ', error="invalid_token"' : '';
    reply.header('www-authenticate', `${challenge}${refused}`);
    return payload;
  });
});
