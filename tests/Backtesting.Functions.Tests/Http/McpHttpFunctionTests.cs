using System.Text;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Backtesting.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Backtesting.Functions.Tests.Http;

public sealed class McpHttpFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private readonly List<(string Orchestrator, string InstanceId)> _started = [];

    private Mock<DurableTaskClient> Client()
    {
        var client = new Mock<DurableTaskClient>("test-hub");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((TaskName name, object? _, StartOrchestrationOptions? o, CancellationToken _) =>
            {
                _started.Add((name.Name, o!.InstanceId!));
                return Task.FromResult(o.InstanceId!);
            });
        return client;
    }

    private Task<(int Status, string Body)> PostAsync(string json, bool authenticated = true) => SendAsync("POST", json, authenticated);

    private async Task<(int Status, string Body)> SendAsync(string method, string? json, bool authenticated = true, Action<HttpContext>? arrange = null)
    {
        var request = app.Request(method, "/mcp", json, authenticated);
        request.Headers.Accept = "application/json, text/event-stream";
        arrange?.Invoke(request.HttpContext);
        var function = new McpHttpFunction(app.Services.GetRequiredService<McpHttpHandler>(), app.Services.GetRequiredService<DurableClientScope>());

        await FunctionsAppFixture.ExecuteRawAsync(request, await function.RunAsync(request, Client().Object));

        request.HttpContext.Response.Body.Position = 0;
        return (request.HttpContext.Response.StatusCode, await new StreamReader(request.HttpContext.Response.Body, Encoding.UTF8).ReadToEndAsync());
    }

    [Fact]
    public async Task Initialize_WithKey_AnswersTheServerInfo()
    {
        var (status, body) = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1.0"}}}""");

        Assert.True(status == StatusCodes.Status200OK, $"{status} {body} {string.Join(Environment.NewLine, app.Logs.Errors)}");
        Assert.Contains("\"serverInfo\"", body);
        Assert.Contains(McpServiceCollectionExtensions.ServerName, body);
    }

    [Fact]
    public async Task AnyRequest_WithoutKey_IsRefusedBeforeMcpProcessing()
    {
        var (status, body) = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", authenticated: false);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Contains("API key", body);
    }

    [Fact]
    public async Task RunBacktestTool_StartsTheBacktestOrchestration()
    {
        var (status, body) = await PostAsync("""
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_backtest","arguments":{
              "strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"2004-01-01","end_date":"2013-12-31",
              "initial_capital":10000,"parameters":{"fast_period":10,"slow_period":20}}}}
            """);

        Assert.Equal(StatusCodes.Status200OK, status);
        var started = Assert.Single(_started);
        Assert.Equal(nameof(RunBacktestOrchestrator), started.Orchestrator);
        Assert.Contains($"backtest://{started.InstanceId}", body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task MethodsOtherThanPost_Are405AfterAuthentication_AsOnTheLocalHost(string method)
    {
        var (allowed, allowedBody) = await SendAsync(method, json: null);
        var (refused, _) = await SendAsync(method, json: null, authenticated: false);

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, allowed);
        Assert.Contains("POST only", allowedBody);
        Assert.Equal(StatusCodes.Status401Unauthorized, refused);
    }

    [Fact]
    public async Task RequestTheWorkersRouterAlreadyMatched_ReachesTheMcpEndpoint()
    {
        // the Functions worker routes every request to the endpoint that invokes the trigger before the trigger runs
        var workerEndpoint = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "worker catch-all");

        var (status, body) = await SendAsync("POST", """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""", arrange: http => http.SetEndpoint(workerEndpoint));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Contains("run_backtest", body);
    }
}
