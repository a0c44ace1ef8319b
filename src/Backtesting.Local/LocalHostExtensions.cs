using Backtesting.Application.Limits;
using Backtesting.Application.Telemetry;
using Backtesting.Application;
using Backtesting.Http;
using Backtesting.Local.Startup;
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
        services.AddInProcessWorkflowRunner();
        services.AddHostedService<LocalHostInitializer>();
        services.AddProblemDetails();
        services.AddOpenApi();
        long maxBody = builder.Configuration.GetSection(BacktestingLimits.SectionName).Get<BacktestingLimits>()?.MaxRequestBodyBytes ?? new BacktestingLimits().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody + 1);

        // metrics go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. the Aspire dashboard or a collector)
        var otel = services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BacktestingMetrics.MeterName).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithMetrics(m => m.AddOtlpExporter());
        return builder;
    }

    public static WebApplication UseLocalHostPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference");
        return app;
    }
}
