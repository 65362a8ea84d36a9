import type { Auth } from '../../../core/auth/auth.ts';
import type { Config } from '../../../core/config.ts';
import type { Logger } from '../../../core/logger.ts';
import { createHttpClient } from '../../../core/outbound/httpClient.ts';
import { createOAuthTokens, parseScopeRoles, withOAuth } from './oauthTokens.ts';
import { protectedResource } from './protectedResource.ts';

/** Fetching the authorization server's metadata or keys, each call. */
const OAUTH_TIMEOUT_MS = 5_000;

/**
 * The tool server as an OAuth 2.1 resource server, when OAUTH_ISSUER is set: the token verifier that also
 * accepts the issuer's access tokens for MCP_RESOURCE_URL, and the plugin publishing the resource's metadata.
 */
export function oauthResourceServer(config: Config, logger: Logger) {
  if (!config.OAUTH_ISSUER || !config.MCP_RESOURCE_URL) return undefined;
  const settings = {
    issuer: config.OAUTH_ISSUER,
    resource: config.MCP_RESOURCE_URL,
    scopeRoles: parseScopeRoles(config.OAUTH_SCOPE_ROLES),
  };
  const tokens = createOAuthTokens(
    settings,
    createHttpClient({ timeoutMs: OAUTH_TIMEOUT_MS }),
    OAUTH_TIMEOUT_MS,
    logger,
  );
  return {
    auth: (platform: Auth) => withOAuth(platform, tokens, settings.issuer),
    plugin: protectedResource,
    settings,
  };
}
