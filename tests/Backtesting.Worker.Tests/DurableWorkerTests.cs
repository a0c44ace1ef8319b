using Backtesting.Worker.Tests.Support;

namespace Backtesting.Worker.Tests;

/// <summary>
/// The worker host on the Azure Storage backend (Azurite): the local host with Workflows:Engine=DurableTask
/// submits, separate worker processes run the orchestrators and activities, and every result equals the one
/// the in-process runner computes for the same request (ids and wall-clock times aside).
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class DurableWorkerTests
{
    [Fact]
    public async Task Backtest_OnAWorkerProcess_ReachesTheReferenceAndEqualsTheInProcessRunner()
    {
        await using var scenario = new WorkerScenario();
        var worker = await scenario.StartWorkerAsync("w1");

        var (_, results) = await scenario.RunOnBothAsync("/api/backtests", Jobs.GoogSma(chunks: 7), id => $"/api/backtests/{id}/results?trades_limit=1000");

        // reference (README): GOOG 2004-2013, SMA 10/20, commission 0.002 = 63341.19136, 46 closed trades and 1 open
        Assert.Equal("completed", (string)results["status"]!);
        Assert.Equal(63341.19136, (double)results["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)results["metrics"]!["total_trades"]!);
        Assert.Equal(1, (int)results["metrics"]!["open_trades"]!);
        // prepare, 7 chunks, finalize: all on the worker process (the local host runs none)
        Assert.Equal(7, worker.ExecutedCount("SimulateChunkActivity"));
    }

    [Fact]
    public async Task Grid_OnAWorkerProcess_EqualsTheInProcessRunner()
    {
        await using var scenario = new WorkerScenario();
        var worker = await scenario.StartWorkerAsync("w1");

        // 10 fast x 10 slow periods = 100 cells, 10 per activity = 10 batches (one wave)
        var (_, summary) = await scenario.RunOnBothAsync("/api/optimizations", Jobs.GoogGrid("5:50:5", "20:200:20", batchSize: 10), id => $"/api/optimizations/{id}");

        Assert.Equal("completed", (string)summary["status"]!);
        Assert.Equal(10, worker.ExecutedCount(Jobs.GridActivity));
    }

    [Fact]
    public async Task TwoWorkers_OnOneTaskHub_ShareALargeGrid()
    {
        await using var scenario = new WorkerScenario();
        var first = await scenario.StartWorkerAsync("w1");
        var second = await scenario.StartWorkerAsync("w2");

        // 60 fast x 60 slow periods = 3600 cells (fast >= slow skipped), 40 per activity = 90 batches in 6 waves
        await scenario.RunOnBothAsync("/api/optimizations", Jobs.GoogGrid("2:61:1", "10:246:4", batchSize: 40), id => $"/api/optimizations/{id}");

        await first.StopAsync();
        await second.StopAsync();
        int byFirst = first.ExecutedCount(Jobs.GridActivity), bySecond = second.ExecutedCount(Jobs.GridActivity);
        Assert.True(byFirst > 0 && bySecond > 0, $"both workers execute batches: w1 {byFirst}, w2 {bySecond}");
        // no worker failed, so every batch ran exactly once, on one of them
        Assert.Equal(90, byFirst + bySecond);
    }

    [Fact]
    public async Task OneWorkerKilledMidRun_TheOtherFinishesTheGridWithIdenticalResults()
    {
        // a dead worker's messages reappear after the visibility timeout, its partitions after the lease (30 s)
        await using var scenario = new WorkerScenario(messageVisibilityTimeout: TimeSpan.FromSeconds(20));
        var doomed = await scenario.StartWorkerAsync("w1");
        var survivor = await scenario.StartWorkerAsync("w2");
        int survivorBefore = 0;

        await scenario.RunOnBothAsync("/api/optimizations", Jobs.GoogGrid("2:61:1", "10:246:4", batchSize: 40), id => $"/api/optimizations/{id}",
            whileRunning: async _ =>
            {
                await doomed.ExecutedAsync(Jobs.GridActivity).WaitAsync(TimeSpan.FromMinutes(3));
                await doomed.KillAsync();
                survivorBefore = survivor.ExecutedCount(Jobs.GridActivity);
            });

        await survivor.StopAsync();
        int byDoomed = doomed.ExecutedCount(Jobs.GridActivity), bySurvivor = survivor.ExecutedCount(Jobs.GridActivity);
        Assert.True(byDoomed >= 1, "the killed worker had executed a batch");
        Assert.True(bySurvivor > survivorBefore, $"the survivor executed batches after the kill ({survivorBefore} before, {bySurvivor} in all)");
        // every one of the 90 batches completed somewhere (a batch in flight at the kill may run twice)
        Assert.True(byDoomed + bySurvivor >= 90, $"w1 {byDoomed} + w2 {bySurvivor} batches cover the 90");
    }
}
