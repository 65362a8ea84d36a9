import { z } from 'zod';

/**
 * The parts of Vault's answers the client reads (https://developer.hashicorp.com/vault/api-docs):
 * validated, so a proxy's error page or another API version fails with the path named instead of
 * an undefined deep inside.
 */

/** `auth/approle/login` and `auth/token/renew-self`. */
export const authAnswer = z.object({
  auth: z.object({
    client_token: z.string().min(1),
    lease_duration: z.number().int().nonnegative(),
    renewable: z.boolean(),
  }),
});

/** `auth/token/lookup-self`: ttl 0 is a token that never expires (a root token). */
export const lookupSelfAnswer = z.object({
  data: z.object({ ttl: z.number().int().nonnegative(), renewable: z.boolean().optional().default(false) }),
});

const versionMetadata = z.object({
  created_time: z.string(),
  deletion_time: z.string(),
  destroyed: z.boolean(),
  version: z.number().int().positive(),
});

/** KV v2 `GET <mount>/data/<path>`: `data` is null for a deleted or destroyed version. */
export const kvReadAnswer = z.object({
  data: z.object({
    data: z.record(z.string(), z.unknown()).nullable(),
    metadata: versionMetadata,
  }),
});

/** KV v2 `POST <mount>/data/<path>`. */
export const kvWriteAnswer = z.object({ data: versionMetadata });

/** KV v2 `GET <mount>/metadata/<path>`. */
export const kvMetadataAnswer = z.object({
  data: z.object({
    created_time: z.string(),
    updated_time: z.string(),
    current_version: z.number().int().nonnegative(),
    versions: z.record(
      z.string(),
      z.object({ created_time: z.string(), deletion_time: z.string(), destroyed: z.boolean() }),
    ),
  }),
});

const batchResults = <Item extends z.ZodType>(item: Item) =>
  z.object({ data: z.object({ batch_results: z.array(z.union([item, z.object({ error: z.string().min(1) })])) }) });

export const encryptAnswer = batchResults(z.object({ ciphertext: z.string() }));
export const decryptAnswer = batchResults(z.object({ plaintext: z.string() }));

/** `GET transit/keys/<name>`. */
export const transitKeyAnswer = z.object({ data: z.object({ latest_version: z.number().int().positive() }) });

/** `POST totp/keys/<name>` with `generate=true` and `exported=true`. */
export const totpKeyAnswer = z.object({ data: z.object({ url: z.string().startsWith('otpauth://') }) });

/** `POST totp/code/<name>`. */
export const totpCodeAnswer = z.object({ data: z.object({ valid: z.boolean() }) });

/** `GET sys/health`, whatever its status code. */
export const healthAnswer = z.object({
  initialized: z.boolean(),
  sealed: z.boolean(),
  standby: z.boolean(),
});

/** `GET <mount>/creds/<role>` of the database engine: a login and its lease. */
export const databaseCredsAnswer = z.object({
  lease_id: z.string().min(1),
  lease_duration: z.number().int().nonnegative(),
  renewable: z.boolean(),
  data: z.object({ username: z.string().min(1), password: z.string().min(1) }),
});

/** `PUT sys/leases/renew`. */
export const leaseRenewAnswer = z.object({
  lease_id: z.string().min(1),
  lease_duration: z.number().int().nonnegative(),
});
