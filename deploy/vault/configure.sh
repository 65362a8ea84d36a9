#!/bin/sh
# One-shot configuration of the development Vault for AlphaNest (deploy/compose.yaml runs it after every Vault
# start: dev mode keeps nothing). Every step may run again: what exists is left as it is.
# It uses the root token of dev mode; the platform may log in with the AppRole made here instead
# (VAULT_ROLE_ID and VAULT_SECRET_ID, printed at the end).
set -eu

mounted() { vault secrets list -format=json | grep -q "\"$1/\""; }
enable() { mounted "$1" || vault secrets enable -path="$1" "$2"; }

# Key/value secrets (dev mode mounts KV v2 at secret/ already; a real server needs it enabled).
mounted secret || vault secrets enable -path=secret kv-v2
enable database database
enable totp totp
enable transit transit

# Transit: the key that encrypts chat contents and stored credentials at rest (VAULT_TRANSIT_KEY).
vault read transit/keys/alphanest >/dev/null 2>&1 || vault write -f transit/keys/alphanest

# Dynamic PostgreSQL credentials: short-lived login roles that belong to alphanest_owner, which owns the schema
# (deploy/postgres/init.sql), so revoking one never strands an object.
vault write database/config/alphanest \
  plugin_name=postgresql-database-plugin \
  connection_url="postgresql://{{username}}:{{password}}@postgres:5432/alphanest?sslmode=disable" \
  username=alphanest password="${POSTGRES_PASSWORD}" \
  allowed_roles=alphanest
vault write database/roles/alphanest \
  db_name=alphanest \
  creation_statements="CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE alphanest_owner;" \
  revocation_statements="DROP ROLE IF EXISTS \"{{name}}\";" \
  default_ttl=24h max_ttl=720h

# The JWT key pair the keys job generated: the platform reads secret/jwt {public_key, private_key}.
vault kv get secret/jwt >/dev/null 2>&1 ||
  vault kv put secret/jwt public_key=@/keys/jwt-public.pem private_key=@/keys/jwt-private.pem

# The platform's own login: an AppRole bound to its policy.
vault policy write alphanest /deploy/vault/alphanest-policy.hcl
vault auth list -format=json | grep -q '"approle/"' || vault auth enable approle
vault write auth/approle/role/alphanest token_policies=alphanest token_ttl=1h token_max_ttl=24h secret_id_ttl=0
echo "AppRole alphanest: VAULT_ROLE_ID=$(vault read -field=role_id auth/approle/role/alphanest/role-id)"
echo "Vault configured for AlphaNest"
