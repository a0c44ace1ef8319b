using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Backtesting.Application.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Backtesting.Functions.Startup;

/// <summary>
/// The worker's OpenTelemetry: the Functions defaults and the service's meter, exported to Application Insights when
/// a connection string is set. Application Insights accepts only Entra ID tokens there (local auth is disabled), so
/// the exporter signs in with the app's user-assigned managed identity, picked by <c>AZURE_CLIENT_ID</c>.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <param name="services">The worker's services.</param>
    /// <param name="configuration">Reads <see cref="ConnectionStringSetting"/> and <see cref="ClientIdSetting"/>.</param>
    /// <param name="credential">The exporter's token source; DefaultAzureCredential for <see cref="ClientIdSetting"/> when null.</param>
    public static IServiceCollection AddBacktestingTelemetry(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        var otel = services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BacktestingMetrics.MeterName)).UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            var tokens = credential ?? new DefaultAzureCredential(CredentialOptions(configuration));
            otel.UseAzureMonitorExporter(exporter => exporter.Credential = tokens);
        }
        return services;
    }

    /// <summary>DefaultAzureCredential's options: the managed identity is the user-assigned one named by <see cref="ClientIdSetting"/>.</summary>
    internal static DefaultAzureCredentialOptions CredentialOptions(IConfiguration configuration) =>
        new() { ManagedIdentityClientId = configuration[ClientIdSetting] };
}
