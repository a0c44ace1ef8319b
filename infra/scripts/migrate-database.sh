#!/usr/bin/env bash
# azd postprovision hook: the schema owner applies migrations, once per provisioning, before any app code runs.
#
# The owner is the server's only administrator, the Microsoft Entra principal POSTGRES_ADMIN_NAME (by default the
# principal running azd; see infra/app/postgres.bicep). The Function App's managed identity is an ordinary role
# (POSTGRES_SERVICE_ROLE) that signs in with Entra tokens and gets DML on run tables and SELECT on market data from
# the migrations' grant script; the app starts with Storage__ApplyMigrations=false and never runs DDL.
# Needs: az (signed in as the administrator), psql, the .NET SDK, and outbound 5432 from this machine.
set -euo pipefail
for name in AZURE_RESOURCE_GROUP POSTGRES_SERVER_NAME POSTGRES_HOST POSTGRES_DATABASE POSTGRES_ADMIN_NAME POSTGRES_SERVICE_ROLE POSTGRES_SERVICE_PRINCIPAL_ID; do
  [ -n "${!name:-}" ] || { echo "migrate-database.sh: $name is not set (azd sets it from the main.bicep outputs)" >&2; exit 1; }
done
root=$(cd "$(dirname "$0")/../.." && pwd)

# an Entra access token for Azure Database for PostgreSQL is the administrator's password (valid about an hour)
token=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)

# the server admits only Azure services: open it to this machine for the duration of the step
ip=$(curl -fsS https://api.ipify.org)
rule="azd-migrate-$(date +%s)"
az postgres flexible-server firewall-rule create --resource-group "$AZURE_RESOURCE_GROUP" --name "$POSTGRES_SERVER_NAME" \
  --rule-name "$rule" --start-ip-address "$ip" --end-ip-address "$ip" --output none
trap 'az postgres flexible-server firewall-rule delete --resource-group "$AZURE_RESOURCE_GROUP" --name "$POSTGRES_SERVER_NAME" --rule-name "$rule" --yes --output none' EXIT

# the app's identity as a login role that is not an administrator (idempotent)
PGPASSWORD="$token" PGSSLMODE=require psql "host=$POSTGRES_HOST dbname=postgres user=$POSTGRES_ADMIN_NAME" -v ON_ERROR_STOP=1 \
  -v role="$POSTGRES_SERVICE_ROLE" -v oid="$POSTGRES_SERVICE_PRINCIPAL_ID" <<'SQL'
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') THEN 'service role exists'
  ELSE (SELECT 'service role created: ' || r FROM pgaadauth_create_principal_with_oid(:'role', :'oid', 'service', false, false) AS r) END;
SQL

# schema, grants to the service role, strategy catalog: as the owner
dotnet run --project "$root/src/Backtesting.Cli" -c Release -- migrate --db postgres --service-role "$POSTGRES_SERVICE_ROLE" \
  --connection "Host=$POSTGRES_HOST;Database=$POSTGRES_DATABASE;Username=$POSTGRES_ADMIN_NAME;Password=$token;SSL Mode=Require"
