using Backtesting.Local;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();

var app = builder.Build();
app.UseLocalHostPipeline();
app.MapLocalHostEndpoints();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
