using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Tests;

/// <summary>The stored row of a result: its curve preview is written straight to UTF-8 (once per run), in the API's shape.</summary>
public sealed class ResultRecordsTests
{
    [Theory]
    [InlineData(300)] // fewer bars than preview points: every point
    [InlineData(5000)] // downsampled to at most the preview's 1000 points
    public void Result_EquityCurveJson_IsThePreviewInTheApiShape(int bars)
    {
        var series = GbmBarGenerator.Generate(new GbmOptions
        {
            Bars = bars, Seed = 7, Start = new DateTime(2021, 3, 1, 9, 30, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(5),
        });
        var parameters = new Dictionary<string, JsonElement> { ["fast_period"] = JsonSerializer.SerializeToElement(5), ["slow_period"] = JsonSerializer.SerializeToElement(20) };
        var result = BacktestEngine.Run(series, StrategyConfigValidator.Validate("sma_crossover", parameters).GetConfigOrThrow(), 10_000);

        var record = ResultRecords.Result("bt-json", result, "curves/bt-json.eqc", DateTime.UnixEpoch);

        var stored = JsonNode.Parse(record.EquityCurve!)!.AsObject();
        Assert.Equal(["points", "total_points", "blob"], stored.Select(p => p.Key));
        // the points as the API's /equity builds them (one JSON node per point) from the same downsampled curve
        var preview = EquityCurveDownsampler.Downsample(new EquityCurve(result.Timestamps, result.Equity), ResultRecords.PreviewPoints);
        Assert.True(JsonNode.DeepEquals(ResultRecords.PointsJson(preview), stored["points"]));
        Assert.Equal(preview.Count, stored["points"]!.AsArray().Count);
        Assert.InRange(preview.Count, Math.Min(bars, 2), ResultRecords.PreviewPoints);
        Assert.Equal(bars, (int)stored["total_points"]!);
        Assert.Equal("curves/bt-json.eqc", (string)stored["blob"]!);
        // first point by hand: the first bar's time in ISO form, and the equity at its close (flat: the initial capital)
        Assert.Equal("2021-03-01T09:30:00Z", (string)stored["points"]![0]![0]!);
        Assert.Equal(10_000, (double)stored["points"]![0]![1]!);
    }
}
