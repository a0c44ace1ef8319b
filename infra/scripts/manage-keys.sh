#!/usr/bin/env bash
# Users and API keys of the deployed service: the CLI's users/keys commands run against the Azure database as its
# owner (the app's own role may only read users and keys, so a compromised app cannot mint or revive a key).
# The first admin after `azd up`, whose key then imports market data (POST /api/assets/{symbol}/bars, CSV body):
#   azd env get-values > .azure/env.sh && set -a && . .azure/env.sh && set +a
#   bash infra/scripts/manage-keys.sh users create --id admin --admin --expires-in 90d   # prints the key once
#   bash infra/scripts/manage-keys.sh keys list --user admin
#   bash infra/scripts/manage-keys.sh keys rotate --id admin --expires-in 90d
#   bash infra/scripts/manage-keys.sh users revoke --id alice
# Needs: az (signed in as the PostgreSQL administrator), the .NET SDK, and outbound 5432 from this machine.
set -euo pipefail
case "${1:-} ${2:-}" in
  "users create" | "users revoke" | "keys create" | "keys list" | "keys rotate") ;;
  *) echo "usage: manage-keys.sh users create|revoke ... | keys create|list|rotate ... (options as for the backtest CLI, without --db/--connection)" >&2; exit 2 ;;
esac
scripts=.; [[ "${BASH_SOURCE[0]}" == */* ]] && scripts=${BASH_SOURCE[0]%/*}
source "$scripts/owner-session.sh"

dotnet run --project "$root/src/Backtesting.Cli" -c Release -- "$@" --db postgres --connection "$owner_connection"
