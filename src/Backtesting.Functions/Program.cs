using Backtesting.Functions;
using Backtesting.Functions.Http;
using Backtesting.Functions.Startup;
using Backtesting.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseBacktestingMiddleware();

builder.Services.AddBacktestingServices(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddBacktestingFunctions(builder.Configuration);
builder.Services.AddBacktestingTelemetry(builder.Configuration);

builder.Build().Run();
