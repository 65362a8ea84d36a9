import { z } from 'zod';

/**
 * The mesh networks' secrets, `tailscale` and `zerotier`: the platform never uses them itself, it hands them to the
 * deployment tooling (`alphanest secrets env`). Each secret's fields become the variables that tooling reads: the
 * official tailscale/tailscale image's (TS_AUTHKEY, TS_HOSTNAME, TS_EXTRA_ARGS), the zerotier/zerotier image's
 * (ZEROTIER_IDENTITY_SECRET; the network ID is its argument), and deploy/systemd/alphanest-mesh-join's.
 */
const MESH_SECRETS = ['tailscale', 'zerotier'] as const;
type MeshSecret = (typeof MESH_SECRETS)[number];

export const isMeshSecret = (name: string | undefined): name is MeshSecret => MESH_SECRETS.includes(name as MeshSecret);

/**
 * A value an env file carries single-quoted, read the same by sh, systemd's EnvironmentFile and Compose's env_file:
 * no quote, backslash or line break inside.
 */
const quotable = z
  .string()
  .min(1, { message: 'must not be empty' })
  .regex(/^[^'\\\n\r\0]*$/, { message: "must not hold a quote ('), a backslash or a line break" });

const tailscaleSecret = z.object({
  /** A pre-authentication key (tskey-auth-…, or a Headscale key). */
  auth_key: quotable,
  hostname: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, { message: 'must be a host name (letters, digits, -)' })
    .optional(),
  /** ACL tags the node asks for: tag:a,tag:b. */
  tags: z
    .string()
    .regex(/^tag:[\w-]+(,tag:[\w-]+)*$/, { message: 'must be tag:name[,tag:name…]' })
    .optional(),
  /** A control server other than Tailscale's (Headscale). */
  login_server: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .refine((url) => !/['\\\s]/.test(url), { message: 'must not hold a quote, a backslash or a space' })
    .optional(),
});

const zerotierSecret = z.object({
  network_id: z.string().regex(/^[0-9a-f]{16}$/, { message: 'must be 16 lower-case hexadecimal digits' }),
  /** The node's identity.secret, so a container keeps the member address the controller authorized. */
  identity_secret: z
    .string()
    .regex(/^[0-9a-f]{10}:0:[0-9a-f]{128}:[0-9a-f]{128}$/, { message: 'must be the content of an identity.secret' })
    .optional(),
});

/** Each field at fault and what it must be, never its value. */
const problems = (error: z.ZodError) =>
  error.issues.map((issue) => `field ${issue.path.join('.') || '(whole)'} ${issue.message}`).join('; ');

/**
 * The deployment variables a mesh secret's fields make, by name. A malformed secret is an error naming the
 * fields at fault (and the version), never their values.
 */
export function meshVariables(name: MeshSecret, data: Record<string, string>, version: number): Record<string, string> {
  const schema = name === 'tailscale' ? tailscaleSecret : zerotierSecret;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`${name} (version ${version}): ${problems(parsed.error)}`);
  if (name === 'zerotier') {
    const { network_id, identity_secret } = parsed.data as z.infer<typeof zerotierSecret>;
    return {
      ZEROTIER_NETWORK_ID: network_id,
      ...(identity_secret && { ZEROTIER_IDENTITY_SECRET: identity_secret }),
    };
  }
  const { auth_key, hostname, tags, login_server } = parsed.data as z.infer<typeof tailscaleSecret>;
  const extraArgs = [tags && `--advertise-tags=${tags}`, login_server && `--login-server=${login_server}`].filter(
    Boolean,
  );
  return {
    TS_AUTHKEY: auth_key,
    ...(hostname && { TS_HOSTNAME: hostname }),
    ...(extraArgs.length > 0 && { TS_EXTRA_ARGS: extraArgs.join(' ') }),
  };
}

/** `NAME='value'` lines, as sh, systemd's EnvironmentFile and Compose's env_file all read them. */
export const envFileText = (variables: Record<string, string>) =>
  Object.entries(variables)
    .map(([name, value]) => `${name}='${value}'\n`)
    .join('');
