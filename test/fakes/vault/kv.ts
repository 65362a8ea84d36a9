import { notFound, ok, rfc3339, NEVER, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';

interface Version {
  data: Record<string, unknown>;
  createdAt: number;
}

/**
 * KV v2 (https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2): `data/<path>` reads (any
 * `?version=`) and writes (`options.cas`), `metadata/<path>` lists the versions.
 */
export function createKvEngine(now: () => number) {
  const secrets = new Map<string, Version[]>();

  const versionMetadata = (version: Version, n: number) => ({
    created_time: rfc3339(version.createdAt),
    custom_metadata: null,
    deletion_time: NEVER,
    destroyed: false,
    version: n,
  });

  function read(path: string, query: URLSearchParams): VaultAnswer {
    const versions = secrets.get(path);
    if (!versions) return notFound;
    const asked = Number(query.get('version') ?? 0);
    const n = asked > 0 ? asked : versions.length;
    const version = versions[n - 1];
    if (!version) return notFound;
    return ok({ data: { data: version.data, metadata: versionMetadata(version, n) } });
  }

  function write(path: string, body: Record<string, unknown>): VaultAnswer {
    const data = body.data;
    if (!data || typeof data !== 'object') return vaultError(400, 'no data provided');
    const versions = secrets.get(path) ?? [];
    const cas = (body.options as { cas?: unknown } | undefined)?.cas;
    if (cas !== undefined && cas !== versions.length)
      return vaultError(400, 'check-and-set parameter did not match the current version');
    const version = { data: data as Record<string, unknown>, createdAt: now() };
    versions.push(version);
    secrets.set(path, versions);
    return ok({ data: versionMetadata(version, versions.length) });
  }

  function metadata(path: string): VaultAnswer {
    const versions = secrets.get(path);
    if (!versions) return notFound;
    return ok({
      data: {
        cas_required: false,
        created_time: rfc3339(versions[0]!.createdAt),
        current_version: versions.length,
        custom_metadata: null,
        delete_version_after: '0s',
        max_versions: 0,
        oldest_version: 0,
        updated_time: rfc3339(versions.at(-1)!.createdAt),
        versions: Object.fromEntries(
          versions.map((v, i) => [
            String(i + 1),
            { created_time: rfc3339(v.createdAt), deletion_time: NEVER, destroyed: false },
          ]),
        ),
      },
    });
  }

  return {
    handle({ method, path, query, body }: VaultRequest): VaultAnswer {
      const [kind, ...rest] = path.split('/');
      const secret = rest.join('/');
      if (!secret) return notFound;
      if (kind === 'data' && method === 'GET') return read(secret, query);
      if (kind === 'data' && (method === 'POST' || method === 'PUT')) return write(secret, body);
      if (kind === 'metadata' && method === 'GET') return metadata(secret);
      return vaultError(405, 'unsupported operation');
    },
  };
}
