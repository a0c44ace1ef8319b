using Backtesting.Application.Backtests;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Backtesting.Http.Handlers;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Backtesting.Functions.Tests.Http;

public sealed class BacktestHttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private static readonly object GoogRequest = new
    {
        strategy_id = "sma_crossover",
        asset_symbol = "GOOG",
        start_date = "2004-01-01",
        end_date = "2013-12-31",
        initial_capital = 10000,
        parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
        chunks = 4,
    };

    private BacktestHttpFunctions Functions() => new(app.Services.GetRequiredService<DurableClientScope>());

    /// <summary>A Durable client that records the started instance and its input.</summary>
    private static Mock<DurableTaskClient> Client(List<(string Orchestrator, string InstanceId, string Input)> started)
    {
        var client = new Mock<DurableTaskClient>("test-hub");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                started.Add((name.Name, options!.InstanceId!, (string)input!));
                return Task.FromResult(options.InstanceId!);
            });
        return client;
    }

    [Fact]
    public async Task Submit_ValidRequest_Answers202WithRunIdAndLinksAndStartsTheOrchestration()
    {
        var started = new List<(string Orchestrator, string InstanceId, string Input)>();
        var request = app.Request("POST", "/api/backtests", GoogRequest);

        var (status, body, headers) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().SubmitAsync(request, Client(started).Object));

        Assert.Equal(202, status);
        string id = (string)body!["backtest_id"]!;
        Assert.StartsWith("bt-", id);
        Assert.Equal("pending", (string)body["status"]!);
        Assert.Equal($"/api/backtests/{id}/results", (string)body["links"]!["results"]!);
        Assert.Equal($"/api/backtests/{id}", headers.Location.ToString());
        var start = Assert.Single(started);
        Assert.Equal((nameof(RunBacktestOrchestrator), id), (start.Orchestrator, start.InstanceId));
    }

    [Fact]
    public async Task Submit_ThenRunTheOrchestration_ProducesTheReferenceResult()
    {
        var started = new List<(string Orchestrator, string InstanceId, string Input)>();
        var submit = app.Request("POST", "/api/backtests", GoogRequest);
        await FunctionsAppFixture.ExecuteAsync(submit, await Functions().SubmitAsync(submit, Client(started).Object));
        var (_, runId, input) = Assert.Single(started);

        // the orchestrator runs the Application workflow; its activities run through the activity functions' dispatcher
        var orchestration = new FakeOrchestration(runId, input, app.RealActivities());
        var orchestrator = app.Services.GetRequiredService<WorkflowOrchestration>();
        await new RunBacktestOrchestrator(orchestrator).RunAsync(orchestration.Context.Object);

        Assert.Equal(4, orchestration.ActivityCalls.Count(c => c.Name == nameof(SimulateChunkActivity)));
        var results = app.Request("GET", $"/api/backtests/{runId}/results");
        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(results, await Functions().ResultsAsync(results, runId));
        Assert.Equal(200, status);
        Assert.Equal("completed", (string)body!["status"]!);
        Assert.Equal(63341.19136, (double)body["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)body["metrics"]!["total_trades"]!);
    }

    [Fact]
    public async Task Submit_InvalidRequest_AnswersTheSameProblemAsTheSharedHandler()
    {
        object bad = new { strategy_id = "no_such_strategy", asset_symbol = "GOOG" };
        var viaFunction = app.Request("POST", "/api/backtests", bad);
        var viaHandler = app.Request("POST", "/api/backtests", bad);

        var function = await FunctionsAppFixture.ExecuteAsync(viaFunction, await Functions().SubmitAsync(viaFunction, Client([]).Object));
        var handler = await FunctionsAppFixture.ExecuteAsync(viaHandler, new ResultActionAdapter(await BacktestHandlers.SubmitAsync(viaHandler.HttpContext)));

        Assert.Equal(400, function.Status);
        Assert.Equal(handler.Status, function.Status);
        Assert.Equal(handler.Body!.ToJsonString(), function.Body!.ToJsonString());
        Assert.Contains("strategy_id", function.Body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithoutApiKey_Answers401Problem()
    {
        var request = app.Request("GET", "/api/backtests", authenticated: false);

        var (status, body, headers) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().ListAsync(request));

        Assert.Equal(401, status);
        Assert.Equal("Unauthorized", (string)body!["title"]!);
        Assert.StartsWith("Bearer", headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Get_UnknownRun_Answers404Problem()
    {
        var request = app.Request("GET", "/api/backtests/bt-00000000000000000000");

        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().GetAsync(request, "bt-00000000000000000000"));

        Assert.Equal(404, status);
        Assert.Contains("bt-00000000000000000000", (string)body!["detail"]!);
    }

    [Fact]
    public async Task Cancel_PendingRun_MarksItCancelledAndTerminatesTheInstance()
    {
        var started = new List<(string Orchestrator, string InstanceId, string Input)>();
        var client = Client(started);
        var submit = app.Request("POST", "/api/backtests", GoogRequest);
        await FunctionsAppFixture.ExecuteAsync(submit, await Functions().SubmitAsync(submit, client.Object));
        string runId = started.Single().InstanceId;
        client.Setup(c => c.GetInstanceAsync(runId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(RunBacktestOrchestrator), runId) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        var cancel = app.Request("DELETE", $"/api/backtests/{runId}");
        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(cancel, await Functions().CancelAsync(cancel, runId, client.Object));

        Assert.Equal(200, status);
        Assert.Equal("cancelled", (string)body!["status"]!);
        client.Verify(c => c.TerminateInstanceAsync(runId, It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
