using Backtesting.Http.Callers;
using Backtesting.Local;
using Backtesting.Local.Apis;
using Backtesting.Local.Realtime;
using Backtesting.Mcp;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();

var app = builder.Build();
app.UseLocalHostPipeline();
// every API route needs a caller and counts against its rate limit, checked once by CallerGate
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
app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
