using Backtesting.Local;
using Backtesting.Local.Apis;
using Backtesting.Local.Realtime;
using Backtesting.Mcp;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();

var app = builder.Build();
app.UseLocalHostPipeline();
app.MapBacktestsApi();
app.MapStrategiesApi();
app.MapAssetsApi();
app.MapResearchApi();
app.MapSchedulesApi();
app.MapSessionsApi();
app.MapHealthApi();
app.MapProgressWebSocket();
app.MapMcpEndpoint();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
