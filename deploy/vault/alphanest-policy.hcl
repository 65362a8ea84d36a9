# What an AlphaNest node may do in Vault (the AppRole of deploy/vault/configure.sh uses this policy).

# Its secrets (KV v2 under secret/): jwt, openai, database, exchanges/*, x, cryptopanic, coingecko…
path "secret/data/*" {
  capabilities = ["create", "read", "update"]
}
path "secret/metadata/*" {
  capabilities = ["read", "list"]
}

# Dynamic PostgreSQL credentials, and renewing or revoking their leases.
path "database/creds/alphanest" {
  capabilities = ["read"]
}
path "sys/leases/renew" {
  capabilities = ["update"]
}
path "sys/leases/revoke" {
  capabilities = ["update"]
}

# Service accounts' TOTP keys and codes.
path "totp/keys/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}
path "totp/code/*" {
  capabilities = ["update"]
}

# Encryption at rest with the alphanest transit key, its rotation and rewrapping.
path "transit/encrypt/alphanest" {
  capabilities = ["update"]
}
path "transit/decrypt/alphanest" {
  capabilities = ["update"]
}
path "transit/rewrap/alphanest" {
  capabilities = ["update"]
}
path "transit/keys/alphanest/rotate" {
  capabilities = ["update"]
}
path "transit/keys/alphanest" {
  capabilities = ["read"]
}

# Its own token's lookup and renewal.
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
path "auth/token/renew-self" {
  capabilities = ["update"]
}
