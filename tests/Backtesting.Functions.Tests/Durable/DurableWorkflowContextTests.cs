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
    public async Task CallSubWorkflowAsync_ChildFails_SurfacesTheInnermostActivityError()
    {
        var fake = new FakeOrchestration("opt-1", null, Echo);
        var inner = Microsoft.DurableTask.TaskFailureDetails.FromException(new InvalidOperationException("cell 3 has no bars"));
        var outer = new Microsoft.DurableTask.TaskFailureDetails(typeof(Exception).FullName!, "sub-orchestration failed", null, inner, null);
        fake.OnSubOrchestrator<string>((_, _, _) => throw new Microsoft.DurableTask.TaskFailedException(nameof(RunChildWorkflowOrchestrator), 0, outer));

        var ex = await Assert.ThrowsAsync<ActivityFailedException>(() =>
            fake.Workflow().CallSubWorkflowAsync<CellResult>("GridBatchWorkflow", new Cell(3), "opt-1:batch:0"));

        Assert.Equal("GridBatchWorkflow", ex.ActivityName);
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
        Assert.Equal(new ChildWorkflowInput("GridBatchWorkflow", "{\"index\":7}"), WorkflowJson.Deserialize<ChildWorkflowInput>((string)call.Input!));
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
