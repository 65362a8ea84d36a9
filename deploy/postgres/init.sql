-- Run once by the postgres image on an empty data directory (deploy/compose.yaml).
-- alphanest_owner owns the platform's objects; the alphanest user and the short-lived users Vault creates
-- (deploy/vault/configure.sh) are its members, so dropping one of them never strands a table.
CREATE ROLE alphanest_owner NOLOGIN;
GRANT alphanest_owner TO alphanest WITH ADMIN OPTION;
ALTER DATABASE alphanest OWNER TO alphanest_owner;
ALTER SCHEMA public OWNER TO alphanest_owner;
GRANT ALL ON DATABASE alphanest TO alphanest_owner;
