namespace Backtesting.Storage;

/// <summary>How the service signs in to PostgreSQL (setting <c>Storage:PostgresAuthentication</c>).</summary>
public enum PostgresAuthentication
{
    /// <summary>The password in the connection string (in Azure: a Key Vault reference resolves it).</summary>
    Password,

    /// <summary>
    /// A Microsoft Entra ID access token as the password, from DefaultAzureCredential (in Azure the app's
    /// user-assigned managed identity, picked by AZURE_CLIENT_ID), refreshed before it expires. The connection
    /// string names the Entra principal as Username and holds no password.
    /// </summary>
    EntraId,
}
