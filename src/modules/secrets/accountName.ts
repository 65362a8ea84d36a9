import { z } from 'zod';

/** A service account's name: also its TOTP key's name in Vault, so a path segment. */
export const accountName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'must be 1-63 lower-case letters, digits, _ or -' });
