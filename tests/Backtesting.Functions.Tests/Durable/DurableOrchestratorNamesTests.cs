namespace Backtesting.Functions.Tests.Durable;

public sealed class DurableOrchestratorNamesTests
{
    [Theory]
    [InlineData("BacktestWorkflow", "RunBacktestOrchestrator")]
    [InlineData("ScheduledOptimizationWorkflow", "RunScheduledOptimizationOrchestrator")]
    [InlineData("XWorkflow", "RunXOrchestrator")]
    public void For_AWorkflow_IsRunKindOrchestrator(string workflow, string expected) =>
        Assert.Equal(expected, DurableOrchestratorNames.For(workflow));

    [Theory]
    [InlineData("Backtest")]
    [InlineData("Workflow")]
    [InlineData("BacktestWorkflows")]
    public void For_ANameThatIsNoWorkflow_IsRejectedNamingIt(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => DurableOrchestratorNames.For(name));
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("<Kind>Workflow", ex.Message);
    }
}
