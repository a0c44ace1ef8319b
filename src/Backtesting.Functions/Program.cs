using Azure.Monitor.OpenTelemetry.Exporter;
using Backtesting.Application.Telemetry;
using Backtesting.Functions;
using Backtesting.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.AddBacktestingServices(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddBacktestingFunctions(builder.Configuration);

var otel = builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BacktestingMetrics.MeterName)).UseFunctionsWorkerDefaults();
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
    otel.UseAzureMonitorExporter();

builder.Build().Run();
