#!/bin/sh
# Runs once, when Compose's PostgreSQL volume is first initialised (/docker-entrypoint-initdb.d):
# the migration role owns the database and its schema; the silos' role gets rows only, granted by
# `migrate` (Betting__Database__RuntimeRole). Passwords come from the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_pw="$MIGRATION_PASSWORD" -v app_pw="$APP_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE betting_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE betting_app LOGIN PASSWORD :'app_pw';
ALTER DATABASE :"db" OWNER TO betting_owner;
ALTER SCHEMA public OWNER TO betting_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE, TEMPORARY ON DATABASE :"db" FROM PUBLIC;
SQL
