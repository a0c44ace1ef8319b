using Azure.Core;
using Azure.Identity;
using Npgsql;

namespace Backtesting.Storage.Postgres;

/// <summary>Builds the Npgsql data sources of the configured sign-in: a password, or Entra ID tokens from a credential.</summary>
internal static class PostgresDataSourceFactory
{
    /// <summary>The token audience of Azure Database for PostgreSQL.</summary>
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    // Entra tokens live 60-90 minutes: fetch a new one well before, and retry soon after a failure.
    private static readonly TimeSpan TokenRefresh = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan TokenRetry = TimeSpan.FromSeconds(10);

    /// <param name="connectionString">The role's connection string (with EntraId: the Entra principal as Username, no Password).</param>
    /// <param name="authentication">Password, or Entra ID tokens as the password.</param>
    /// <param name="credential">The token source for <see cref="PostgresAuthentication.EntraId"/>; DefaultAzureCredential when null.</param>
    public static NpgsqlDataSource Create(string connectionString, PostgresAuthentication authentication, TokenCredential? credential = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (authentication == PostgresAuthentication.EntraId)
        {
            var tokens = credential ?? new DefaultAzureCredential();
            builder.UsePeriodicPasswordProvider(
                async (_, ct) => (await tokens.GetTokenAsync(new TokenRequestContext([EntraScope]), ct).ConfigureAwait(false)).Token,
                TokenRefresh, TokenRetry);
        }
        return builder.Build();
    }
}
