using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;

namespace Backtesting.Functions.Tests.Durable;

public sealed class DurableWorkflowContextTests
{
    private sealed record Cell(int Index);
    private sealed record CellResult(int Index, double Score);

    private static Task<string> Echo(string name, string input) =>
        Task.FromResult(WorkflowJson.Serialize(new CellResult(WorkflowJson.Deserialize<Cell>(input).Index, 0.5)));

    [Fact]
    public void Properties_ComeFromTheOrchestrationContext()
    {
        var fake = new FakeOrchestration("bt-1", "{\"index\":3}", Echo, replaying: true);
        var workflow = fake.Workflow();

        Assert.Equal("bt-1", workflow.InstanceId);
        Assert.True(workflow.IsReplaying);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), workflow.CurrentUtcDateTime);
        Assert.Equal(new Cell(3), workflow.GetInput<Cell>());
    }

    [Fact]
    public async Task FanOutAsync_UpToTheBatchSize_CallsActivitiesDirectly()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);

        var results = await fake.Workflow(new DurableOptions { FanOutBatchSize = 4 }).FanOutAsync<CellResult>("EvaluateCell", [new Cell(0), new Cell(1), new Cell(2), new Cell(3)]);

        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Index));
        Assert.Equal(4, fake.ActivityCalls.Count);
        Assert.Empty(fake.SubOrchestratorCalls);
    }

    [Fact]
    public async Task FanOutAsync_LargerThanTheBatch_GoesThroughSubOrchestrationsWithDeterministicIds()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);
        fake.OnSubOrchestrator<string[]>(async (name, input, id) =>
        {
            var batch = (ActivityBatchInput)input!;
            return await Task.WhenAll(batch.Inputs.Select(i => Echo(batch.Activity, i)));
        });
        var workflow = fake.Workflow(new DurableOptions { FanOutBatchSize = 2 });

        var first = await workflow.FanOutAsync<CellResult>("EvaluateCell", Enumerable.Range(0, 5).Select(i => (object?)new Cell(i)).ToArray());
        var second = await workflow.FanOutAsync<CellResult>("EvaluateCell", Enumerable.Range(0, 3).Select(i => (object?)new Cell(i)).ToArray());

        Assert.Equal([0, 1, 2, 3, 4], first.Select(r => r.Index));
        Assert.Equal([0, 1, 2], second.Select(r => r.Index));
        Assert.Empty(fake.ActivityCalls);
        Assert.All(fake.SubOrchestratorCalls, c => Assert.Equal(nameof(RunActivityBatchOrchestrator), c.Name));
        Assert.Equal([2, 2, 1, 2, 1], fake.SubOrchestratorCalls.Select(c => ((ActivityBatchInput)c.Input!).Inputs.Length));
        Assert.Equal(["bt-1:fan1:0", "bt-1:fan1:1", "bt-1:fan1:2", "bt-1:fan2:0", "bt-1:fan2:1"],
            fake.SubOrchestratorCalls.Select(c => ((Microsoft.DurableTask.SubOrchestrationOptions)c.Options!).InstanceId));
    }

    [Fact]
    public async Task FanOutAsync_ResultsDoNotDependOnTheBatchSize()
    {
        async Task<double[]> Run(int batchSize)
        {
            var fake = new FakeOrchestration("bt-1", null, (n, i) =>
                Task.FromResult(WorkflowJson.Serialize(new CellResult(WorkflowJson.Deserialize<Cell>(i).Index, Math.Sqrt(WorkflowJson.Deserialize<Cell>(i).Index)))));
            fake.OnSubOrchestrator<string[]>(async (name, input, id) =>
            {
                var batch = (ActivityBatchInput)input!;
                return await Task.WhenAll(batch.Inputs.Select(i => Task.FromResult(WorkflowJson.Serialize(new CellResult(WorkflowJson.Deserialize<Cell>(i).Index, Math.Sqrt(WorkflowJson.Deserialize<Cell>(i).Index))))));
            });
            var results = await fake.Workflow(new DurableOptions { FanOutBatchSize = batchSize }).FanOutAsync<CellResult>("EvaluateCell", Enumerable.Range(0, 37).Select(i => (object?)new Cell(i)).ToArray());
            return results.Select(r => r.Score).ToArray();
        }

        var reference = await Run(100);
        Assert.Equal(reference, await Run(1));
        Assert.Equal(reference, await Run(5));
        Assert.Equal(reference, await Run(36));
    }

    [Fact]
    public async Task FanOutAsync_BatchFails_SurfacesTheInnermostActivityError()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);
        var inner = Microsoft.DurableTask.TaskFailureDetails.FromException(new InvalidOperationException("cell 3 has no bars"));
        var outer = new Microsoft.DurableTask.TaskFailureDetails(typeof(Exception).FullName!, "sub-orchestration failed", null, inner, null);
        fake.OnSubOrchestrator<string[]>((_, _, _) => throw new Microsoft.DurableTask.TaskFailedException(nameof(RunActivityBatchOrchestrator), 0, outer));

        var ex = await Assert.ThrowsAsync<ActivityFailedException>(() =>
            fake.Workflow(new DurableOptions { FanOutBatchSize = 1 }).FanOutAsync<CellResult>("EvaluateCell", [new Cell(1), new Cell(2)]));

        Assert.Equal("EvaluateCell", ex.ActivityName);
        Assert.Equal("cell 3 has no bars", ex.FailureMessage);
    }

    [Fact]
    public async Task CallActivityAsync_PayloadOverTheInlineLimit_FailsWithoutCallingDurable()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);
        var bars = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();

        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(() => fake.Workflow(new DurableOptions { MaxInlinePayloadBytes = 16 * 1024 }).CallActivityAsync<CellResult>("EvaluateCell", new { bars }));

        Assert.Contains("blob references", ex.Message);
        Assert.Empty(fake.ActivityCalls);
    }

    [Fact]
    public async Task CallSubWorkflowAsync_RunsTheChildWorkflowOrchestratorWithTheGivenInstanceId()
    {
        var fake = new FakeOrchestration("opt-1", null, Echo);
        fake.OnSubOrchestrator<string>((_, input, id) => Task.FromResult(WorkflowJson.Serialize(new CellResult(7, 1.5))));

        var result = await fake.Workflow().CallSubWorkflowAsync<CellResult>("GridBatchWorkflow", new Cell(7), "opt-1:batch:0");

        Assert.Equal(new CellResult(7, 1.5), result);
        var call = Assert.Single(fake.SubOrchestratorCalls);
        Assert.Equal(nameof(RunChildWorkflowOrchestrator), call.Name);
        Assert.Equal(new ChildWorkflowInput("GridBatchWorkflow", "{\"index\":7}"), call.Input);
        Assert.Equal("opt-1:batch:0", ((Microsoft.DurableTask.SubOrchestrationOptions)call.Options!).InstanceId);
    }

    [Fact]
    public void SetCustomStatus_WithinTheLimit_IsPassedAsSnakeCaseJson()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);

        fake.Workflow().SetCustomStatus(new { Progress = 42.5, CurrentDate = "2020-01-01" });

        var status = Assert.IsType<JsonObject>(Assert.Single(fake.CustomStatuses));
        Assert.Equal(42.5, status["progress"]!.GetValue<double>());
        Assert.Equal("2020-01-01", status["current_date"]!.GetValue<string>());
    }

    [Fact]
    public void SetCustomStatus_OverTheLimit_KeepsOnlyTheScalars()
    {
        var fake = new FakeOrchestration("bt-1", null, Echo);

        fake.Workflow(new DurableOptions { MaxCustomStatusBytes = 1024 }).SetCustomStatus(new { progress = 10.0, cells = Enumerable.Range(0, 1000).ToArray() });

        var status = Assert.IsType<JsonObject>(Assert.Single(fake.CustomStatuses));
        Assert.True(status["truncated"]!.GetValue<bool>());
        Assert.Equal(10.0, status["progress"]!.GetValue<double>());
        Assert.Null(status["cells"]);
    }
}
