using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Backtesting.Functions.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Tests.Startup;

/// <summary>Application Insights has local auth disabled: the worker's exporter must present the managed identity's tokens.</summary>
public sealed class FunctionsTelemetryTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://ingest.example.invalid/";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void ConnectionStringSet_ExporterSignsInWithDefaultAzureCredential()
    {
        var options = ExporterOptions(new() { [FunctionsTelemetry.ConnectionStringSetting] = ConnectionString, [FunctionsTelemetry.ClientIdSetting] = ClientId });

        Assert.IsType<DefaultAzureCredential>(options.Credential);
    }

    [Fact]
    public void ConnectionStringSet_ExporterUsesTheGivenCredential()
    {
        var credential = Moq.Mock.Of<TokenCredential>();

        var options = ExporterOptions(new() { [FunctionsTelemetry.ConnectionStringSetting] = ConnectionString }, credential);

        Assert.Same(credential, options.Credential);
    }

    [Fact]
    public void CredentialOptions_PickTheUserAssignedIdentityByClientId()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [FunctionsTelemetry.ClientIdSetting] = ClientId }).Build();

        Assert.Equal(ClientId, FunctionsTelemetry.CredentialOptions(configuration).ManagedIdentityClientId);
    }

    [Fact]
    public void NoConnectionString_NoExporterCredential()
    {
        var options = ExporterOptions(new() { [FunctionsTelemetry.ClientIdSetting] = ClientId });

        Assert.Null(options.Credential);
    }

    private static AzureMonitorExporterOptions ExporterOptions(Dictionary<string, string?> settings, TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddBacktestingTelemetry(configuration, credential);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
    }
}
