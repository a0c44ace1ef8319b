using System.Net;
using System.Net.Http.Json;
using Backtesting.Application.Ports;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>The concurrent-jobs limit holds under parallel submissions (issue 19 item 8: 100 at once got 13 accepted against 10).</summary>
public sealed class ConcurrencyLimitRaceTests
{
    [Fact]
    public async Task HundredParallelSubmissions_ExactlyTheLimitAccepted()
    {
        var settings = LocalHostFactory.GenerousLimits;
        settings["Backtesting:Limits:MaxConcurrentJobsPerUser"] = "10";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var factory = new LocalHostFactory(settings: settings, configureServices: services =>
        {
            // every accepted run stays unfinished (its first blob write waits) until the submissions are counted
            RecordingBlobStore.Install(blobs =>
            {
                blobs.Intercepts = _ => true;
                blobs.BeforeIntercepted = () => release.Task;
            })(services);
            // a backtest's submit has no early count since issue 17's latency pass (it once let all 100 pass at 0 active
            // before any run was stored): the atomic insert alone must refuse the 90
        });
        var client = await factory.CreateUserClientAsync("racer");
        try
        {
            var submissions = Enumerable.Range(0, 100).Select(_ => Task.Run(() => client.PostAsJsonAsync("/api/backtests", ApiClient.GoogRequest())));
            var statuses = (await Task.WhenAll(submissions)).Select(r => r.StatusCode).ToArray();

            Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Accepted));
            Assert.Equal(90, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            Assert.Equal(10, await factory.Services.GetRequiredService<IRunStore>().CountActiveAsync("racer"));
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
