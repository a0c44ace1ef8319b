using Backtesting.Application.Limits;
using Backtesting.Application.Telemetry;
using Backtesting.Application;
using Backtesting.Http;
using Backtesting.Local.OpenApi;
using Backtesting.Http.Callers;
using Backtesting.Local.Apis;
using Backtesting.Local.Hosting;
using Backtesting.Local.Realtime;
using Backtesting.Local.Startup;
using Backtesting.Mcp;
using Backtesting.Workflows.DurableTask.AzureStorage;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Backtesting.Local;

/// <summary>Service registration and middleware of the local host, kept out of Program.cs.</summary>
public static class LocalHostExtensions
{
    public static WebApplicationBuilder AddLocalHostServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddBacktestingServices(builder.Configuration, builder.Environment.ContentRootPath);
        AddWorkflowEngine(services, builder.Configuration);
        services.AddEmbeddedHost();
        services.AddCallerGate();
        // MCP accepts exactly the REST API's callers (same keys, same local-development mode)
        services.AddBacktestingMcp(builder.Configuration, http => http.RequestServices.GetRequiredService<ApiKeyAuthentication>().AuthenticateAsync(http));
        services.AddSingleton<WebSocketTickets>();
        services.AddHostedService<LocalHostInitializer>();
        services.AddHostedService<LocalScheduleTimer>();
        AddStartupWarmup(services, builder.Configuration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // routing answers these before any handler runs: say what would have been accepted
            var request = context.HttpContext.Request;
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => $"no endpoint at {request.Path}; see /openapi/v1.json or /api/reference",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; see /openapi/v1.json for the allowed methods",
                StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{request.ContentType}' is not accepted; send application/json",
                _ => null,
            };
        });
        services.AddBacktestingOpenApi();
        long maxBody = builder.Configuration.GetSection(BacktestingLimits.SectionName).Get<BacktestingLimits>()?.MaxRequestBodyBytes ?? new BacktestingLimits().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody + 1;
            k.Limits.MaxRequestLineSize = RequestTargetLimit.KestrelRequestLineBytes;
        });

        // metrics go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. the Aspire dashboard or a collector)
        var otel = services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BacktestingMetrics.MeterName).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithMetrics(m => m.AddOtlpExporter());
        return builder;
    }

    public const string WorkflowEngineSetting = "Workflows:Engine";

    /// <summary>
    /// Who runs the jobs: <c>InProcess</c> (default: this process, journaled in the database) or <c>DurableTask</c>
    /// (orchestrations on the Azure Storage task hub of <c>Workflows:DurableTask</c>, run by src/Backtesting.Worker
    /// processes sharing this host's database and blob store).
    /// </summary>
    private static void AddWorkflowEngine(IServiceCollection services, IConfiguration configuration)
    {
        string engine = configuration[WorkflowEngineSetting] ?? "InProcess";
        if (string.Equals(engine, "DurableTask", StringComparison.OrdinalIgnoreCase))
            services.AddDurableTaskWorkflowEngine(configuration);
        else if (!string.Equals(engine, "InProcess", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{WorkflowEngineSetting} '{engine}' is invalid: InProcess (default) or DurableTask");
        // the in-process runner is registered either way (AddEmbeddedHost; start-up resolves it); the starter is the first one registered
    }

    /// <summary>
    /// The start-up warm-up (<see cref="StartupWarmup"/>) and the readiness it reports; a negative
    /// <c>Backtesting:Warmup:Runs</c> stops the start with the allowed values.
    /// </summary>
    private static void AddStartupWarmup(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StartupWarmupOptions.SectionName).Get<StartupWarmupOptions>() ?? new StartupWarmupOptions();
        if (options.Validate() is { } error) throw new InvalidOperationException(error);
        services.AddSingleton(options);
        services.AddSingleton(new StartupReadiness(options.Runs));
        if (options.Runs > 0) services.AddHostedService<StartupWarmup>();
    }

    private static bool IsServicePath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/ws", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseLocalHostPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRequestTargetLimit();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        // the dashboard's files: API, MCP and WebSocket requests (every poll of a run) skip the two file-system probes
        app.UseWhen(http => !IsServicePath(http.Request.Path), dashboard =>
        {
            dashboard.UseDefaultFiles();
            dashboard.UseStaticFiles();
        });
        app.UseCallerGate();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference");
        return app;
    }

    /// <summary>
    /// Every route of the local host, for the host itself and the start-up warm-up's throwaway copy of it: every API route
    /// needs a caller and counts against its rate limit, checked once by CallerGate.
    /// </summary>
    public static WebApplication MapLocalHostEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("").RequireCaller();
        api.MapBacktestsApi();
        api.MapStrategiesApi();
        api.MapAssetsApi();
        api.MapResearchApi();
        api.MapSchedulesApi();
        api.MapSessionsApi();
        app.MapHealthApi();
        app.MapProgressWebSocket();
        app.MapMcpEndpoint().RequireCaller().WithMetadata(CallerRefusals.JsonRpc);
        return app;
    }
}
