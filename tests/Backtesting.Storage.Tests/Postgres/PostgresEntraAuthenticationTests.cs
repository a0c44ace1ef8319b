using Azure.Core;
using Backtesting.Storage.Postgres;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>Storage:PostgresAuthentication=EntraId signs in with a token from the credential for the PostgreSQL audience; Password never asks for one.</summary>
public sealed class PostgresEntraAuthenticationTests
{
    // nothing listens on port 1: the connection fails after the password (token) has been obtained
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=id-backtesting-app;Database=backtesting;Timeout=3;Pooling=false";

    [Fact]
    public async Task EntraId_OpeningAConnection_AsksTheCredentialForAPostgresToken()
    {
        var credential = new RecordingCredential();
        await using var databases = new StorageDatabases(Options(PostgresAuthentication.EntraId), credential);

        await Assert.ThrowsAnyAsync<Exception>(async () => await (await databases.Service.OpenAsync(default)).DisposeAsync());

        var scopes = Assert.Single(credential.Requests.Distinct(StringComparer.Ordinal));
        Assert.Equal("https://ossrdbms-aad.database.windows.net/.default", scopes);
    }

    [Fact]
    public async Task Password_OpeningAConnection_NeverAsksForAToken()
    {
        var credential = new RecordingCredential();
        await using var databases = new StorageDatabases(Options(PostgresAuthentication.Password), credential);

        await Assert.ThrowsAnyAsync<Exception>(async () => await (await databases.Service.OpenAsync(default)).DisposeAsync());

        Assert.Empty(credential.Requests);
    }

    [Fact]
    public void EntraId_WithAPasswordInAConnectionString_IsAConfigurationErrorNamingTheSetting()
    {
        var options = Options(PostgresAuthentication.EntraId) with { PostgresOwnerConnectionString = Unreachable + ";Password=secret" };

        var error = Assert.Single(options.Validate());

        Assert.Contains("Storage:PostgresOwnerConnectionString", error);
        Assert.Contains("EntraId", error);
    }

    [Fact]
    public async Task ApplyMigrationsFalse_MigratorAppliesNothingAndNeverConnects()
    {
        await using var databases = new StorageDatabases(Options(PostgresAuthentication.EntraId) with { ApplyMigrations = false }, new RecordingCredential());

        // the server is unreachable (port 1), so any connection attempt would throw: returning proves none was made.
        // (The credential is not a witness: Npgsql's periodic password provider fetches a token in the background as
        // soon as the data source exists, connection or not.)
        Assert.Empty(await databases.Migrator.MigrateAsync());
    }

    private static StorageOptions Options(PostgresAuthentication authentication) => new()
    {
        Provider = DatabaseProvider.Postgres,
        PostgresConnectionString = Unreachable,
        PostgresAuthentication = authentication,
    };

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Requests { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.AddRange(requestContext.Scopes);
            return new AccessToken("token-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
