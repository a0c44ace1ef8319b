using Backtesting.Cli.Output;
using Microsoft.Extensions.Time.Testing;

namespace Backtesting.Cli.Tests;

/// <summary>The progress line's redraw rate: each draw is a terminal write, so a fast job draws only its start and end.</summary>
public sealed class ProgressLineTests
{
    private static string[] Draws(StringWriter error) => error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Advance_EveryPercentWithinTheSameInstant_DrawsOnlyStartAndEnd()
    {
        var time = new FakeTimeProvider();
        var error = new StringWriter();
        using (var line = new ProgressLine(error, "run", "bars", 1_000_000, time))
        {
            for (int i = 0; i < 100; i++) line.Report(10_000);
        }

        var draws = Draws(error);
        Assert.Equal(2, draws.Length);
        Assert.StartsWith("run  0/1,000,000 bars    0%", draws[0]);
        Assert.StartsWith("run  1,000,000/1,000,000 bars  100%  [####################]  0.0 s", draws[1]);
    }

    [Fact]
    public void Advance_PercentChangesEvery50Ms_RedrawsEvery100Ms()
    {
        var time = new FakeTimeProvider();
        var error = new StringWriter();
        using (var line = new ProgressLine(error, "optimize", "cells", 10, time))
        {
            for (int i = 0; i < 10; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                line.Report(1);
            }
        }

        // start at 0 ms; 10 % at 50 ms is within 100 ms of it, 20 % at 100 ms is drawn, then every other report
        // (40 % at 200 ms, 60 %, 80 %, 100 % at 500 ms); the closing draw repeats 100 %
        var draws = Draws(error);
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%", "100%"], draws.Select(d => System.Text.RegularExpressions.Regex.Match(d, @"\d+%").Value).ToArray());
        Assert.EndsWith($"0.5 s{Environment.NewLine}", error.ToString());
    }
}
