using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Application.Tests;

public class RunCompleterTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly RunCompletion Completion = new("bt-1",
        new RunResultRecord { Id = "res-bt-1", RunId = "bt-1", FinalCapital = 1, TotalReturn = 0, Metrics = "{}", CreatedAt = Now }, [], Now);

    private static BacktestRun Run(string status) => new()
    {
        Id = "bt-1", UserId = "u1", Kind = RunKind.Backtest, StrategyId = "sma_crossover", AssetSymbol = "GOOG",
        StartDate = Now, EndDate = Now, InitialCapital = 10_000, Status = status, CreatedAt = Now, UpdatedAt = Now,
    };

    private readonly Mock<IRunStore> _runs = new();
    private readonly Mock<IBlobStore> _blobs = new(MockBehavior.Strict);

    [Fact]
    public async Task CompleteOrDiscard_StoreCommits_ReturnsNullAndTouchesNoBlob()
    {
        Assert.Null(await RunCompleter.CompleteOrDiscardAsync(_runs.Object, _blobs.Object, Completion, default));

        _runs.Verify(r => r.CompleteAsync(Completion, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Failed)]
    public async Task CompleteOrDiscard_RunEndedMeanwhile_DiscardsCurveAndWorkingFolder(string status)
    {
        _runs.Setup(r => r.CompleteAsync(Completion, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("already " + status));
        _runs.Setup(r => r.GetByIdAsync("bt-1", It.IsAny<CancellationToken>())).ReturnsAsync(Run(status));
        _blobs.Setup(b => b.DeleteAsync(RunBlobNames.Curve("bt-1"), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _blobs.Setup(b => b.DeleteFolderAsync(RunBlobNames.WorkingFolder("bt-1"), It.IsAny<CancellationToken>())).ReturnsAsync(3);

        Assert.Equal(status, await RunCompleter.CompleteOrDiscardAsync(_runs.Object, _blobs.Object, Completion, default));

        _blobs.VerifyAll();
    }

    [Fact]
    public async Task CompleteOrDiscard_CancelledTokenButRunStillRunning_Rethrows_KeepsTheBlobsForTheResume()
    {
        // e.g. the host stopping: the run resumes later and needs its curve and chunks
        _runs.Setup(r => r.CompleteAsync(Completion, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        _runs.Setup(r => r.GetByIdAsync("bt-1", It.IsAny<CancellationToken>())).ReturnsAsync(Run(RunStatus.Running));

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunCompleter.CompleteOrDiscardAsync(_runs.Object, _blobs.Object, Completion, default));
    }

    [Fact]
    public async Task CompleteOrDiscard_RunAlreadyCompletedByAnotherAttempt_Rethrows()
    {
        _runs.Setup(r => r.CompleteAsync(Completion, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("already completed"));
        _runs.Setup(r => r.GetByIdAsync("bt-1", It.IsAny<CancellationToken>())).ReturnsAsync(Run(RunStatus.Completed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunCompleter.CompleteOrDiscardAsync(_runs.Object, _blobs.Object, Completion, default));

        Assert.Equal("already completed", error.Message);
    }

    [Fact]
    public async Task CompleteOrDiscard_OtherStoreError_PropagatesUntouched()
    {
        _runs.Setup(r => r.CompleteAsync(Completion, It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("database down"));

        await Assert.ThrowsAsync<TimeoutException>(() => RunCompleter.CompleteOrDiscardAsync(_runs.Object, _blobs.Object, Completion, default));
    }

    [Fact]
    public async Task TryDiscard_StorageFails_LogsInsteadOfThrowing()
    {
        _blobs.Setup(b => b.DeleteAsync(RunBlobNames.Curve("bt-1"), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage down"));

        await RunCompleter.TryDiscardAsync(_blobs.Object, "bt-1", NullLogger.Instance);

        _blobs.Verify(b => b.DeleteAsync(RunBlobNames.Curve("bt-1"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
