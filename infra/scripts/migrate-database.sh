#!/usr/bin/env bash
# azd postprovision hook: the schema owner applies migrations, once per provisioning, before any app code runs.
#
# The owner is the server's only administrator, the Microsoft Entra principal POSTGRES_ADMIN_NAME (by default the
# principal running azd; see infra/app/postgres.bicep). The Function App's managed identity is an ordinary role
# (POSTGRES_SERVICE_ROLE) that signs in with Entra tokens and gets, from the migrations' grant script, DML on run
# tables and SELECT only on market data, users and API keys (keys are issued by infra/scripts/manage-keys.sh, as the
# owner); the app starts with Storage__ApplyMigrations=false and never runs DDL.
# Needs: az (signed in as the administrator), psql, the .NET SDK, and outbound 5432 from this machine.
set -euo pipefail
scripts=.; [[ "${BASH_SOURCE[0]}" == */* ]] && scripts=${BASH_SOURCE[0]%/*}
source "$scripts/owner-session.sh" POSTGRES_SERVICE_ROLE POSTGRES_SERVICE_PRINCIPAL_ID

# the app's identity as a login role that is not an administrator (idempotent)
PGPASSWORD="$token" PGSSLMODE=require psql "host=$POSTGRES_HOST dbname=postgres user=$POSTGRES_ADMIN_NAME" -v ON_ERROR_STOP=1 \
  -v role="$POSTGRES_SERVICE_ROLE" -v oid="$POSTGRES_SERVICE_PRINCIPAL_ID" <<'SQL'
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') THEN 'service role exists'
  ELSE (SELECT 'service role created: ' || r FROM pgaadauth_create_principal_with_oid(:'role', :'oid', 'service', false, false) AS r) END;
SQL

# schema, grants to the service role, strategy catalog: as the owner
dotnet run --project "$root/src/Backtesting.Cli" -c Release -- migrate --db postgres --service-role "$POSTGRES_SERVICE_ROLE" \
  --connection "$owner_connection"
