# Sourced by the scripts that act on the deployed database as its owner, the PostgreSQL Entra administrator
# POSTGRES_ADMIN_NAME (migrations, user and key management): checks the azd outputs they need, fetches the
# administrator's Entra token (the password, valid about an hour) into $token and the owner connection string into
# $owner_connection, and opens the server's firewall to this machine until the calling script exits.
# The app's own role (the managed identity) may only read users and keys: issuing them goes through here.
for name in AZURE_RESOURCE_GROUP POSTGRES_SERVER_NAME POSTGRES_HOST POSTGRES_DATABASE POSTGRES_ADMIN_NAME "$@"; do
  [ -n "${!name:-}" ] || { echo "${0##*/}: $name is not set (azd sets it from the main.bicep outputs; run through azd or 'azd env get-values')" >&2; exit 1; }
done
root=$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)

token=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
owner_connection="Host=$POSTGRES_HOST;Database=$POSTGRES_DATABASE;Username=$POSTGRES_ADMIN_NAME;Password=$token;SSL Mode=Require"

# the server admits only Azure services: open it to this machine for the duration of the step
ip=$(curl -fsS https://api.ipify.org)
rule="azd-owner-$(date +%s)"
az postgres flexible-server firewall-rule create --resource-group "$AZURE_RESOURCE_GROUP" --name "$POSTGRES_SERVER_NAME" \
  --rule-name "$rule" --start-ip-address "$ip" --end-ip-address "$ip" --output none
trap 'az postgres flexible-server firewall-rule delete --resource-group "$AZURE_RESOURCE_GROUP" --name "$POSTGRES_SERVER_NAME" --rule-name "$rule" --yes --output none' EXIT
