using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>Maps engine results to the stored rows and back to the API's JSON shapes.</summary>
public static class ResultRecords
{
    public const int PreviewPoints = 1000;

    /// <summary>[[iso time, equity], ...] of a (downsampled) curve.</summary>
    public static JsonArray PointsJson(EquityCurve curve)
    {
        var points = new JsonArray();
        for (int i = 0; i < curve.Count; i++)
            points.Add(new JsonArray(JsonValue.Create(new DateTime(curve.Timestamps[i], DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ")), JsonValue.Create(curve.Values[i])));
        return points;
    }

    public static RunResultRecord Result(string runId, BacktestResult result, string curveBlob, DateTime now)
    {
        var m = result.Metrics;
        var preview = EquityCurveDownsampler.Downsample(new EquityCurve(result.Timestamps, result.Equity), PreviewPoints);
        return new RunResultRecord
        {
            Id = "res-" + runId,
            RunId = runId,
            FinalCapital = ToDecimal(m.FinalCapital)!.Value,
            TotalReturn = ToDecimal(m.TotalReturn)!.Value,
            SharpeRatio = ToDecimal(m.SharpeRatio),
            MaxDrawdown = ToDecimal(m.MaxDrawdown),
            WinRate = ToDecimal(m.WinRate),
            TotalTrades = m.TotalTrades,
            WinningTrades = m.WinningTrades,
            LosingTrades = m.LosingTrades,
            AvgWin = ToDecimal(m.AvgWin),
            AvgLoss = ToDecimal(m.AvgLoss),
            ProfitFactor = ToDecimal(m.ProfitFactor),
            Metrics = WorkflowJson.Serialize(MetricValues.Of(m)),
            EquityCurve = EquityCurveJson(preview, result.Equity.Length, curveBlob),
            CurveBlob = curveBlob,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// The stored curve preview, {"points": [[iso time, equity], ...], "total_points": n, "blob": name}: the JSON of
    /// <see cref="PointsJson"/>'s shape written straight to UTF-8, without a node per point (it is written per run).
    /// </summary>
    private static string EquityCurveJson(EquityCurve preview, int totalPoints, string curveBlob)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + 48 * preview.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("points");
            Span<char> time = stackalloc char[32];
            for (int i = 0; i < preview.Count; i++)
            {
                writer.WriteStartArray();
                if (!new DateTime(preview.Timestamps[i], DateTimeKind.Utc).TryFormat(time, out int length, "yyyy-MM-ddTHH:mm:ssZ"))
                    throw new InvalidOperationException("a curve time does not fit its format");
                writer.WriteStringValue(time[..length]);
                writer.WriteNumberValue(preview.Values[i]);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteNumber("total_points", totalPoints);
            writer.WriteString("blob", curveBlob);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<TradeRecord> Trades(string runId, IReadOnlyList<Trade> trades)
    {
        var records = new TradeRecord[trades.Count];
        for (int i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            records[i] = new TradeRecord
            {
                Id = $"{runId}-t{i + 1}",
                RunId = runId,
                Sequence = i + 1,
                EntryDate = t.EntryTime,
                ExitDate = t.IsOpen ? null : t.ExitTime,
                Direction = t.Side == PositionSide.Long ? "long" : "short",
                EntryPrice = (decimal)t.EntryPrice,
                ExitPrice = t.IsOpen ? null : ToDecimal(t.ExitPrice),
                Quantity = (decimal)t.Quantity,
                Pnl = ToDecimal(t.Pnl),
                PnlPercent = ToDecimal(t.PnlPercent),
                Status = t.IsOpen ? "open" : "closed",
                Fees = (decimal)t.Fees,
                ExitReason = JsonNamingPolicy.SnakeCaseLower.ConvertName(t.ExitReason.ToString()),
            };
        }
        return records;
    }

    /// <summary>A trade as the results show it (<see cref="TradeView"/>), as JSON for messages and MCP resources.</summary>
    public static JsonObject TradeJson(TradeRecord t) => JsonSerializer.SerializeToNode(TradeView.From(t), WorkflowJson.Options)!.AsObject();

    private static decimal? ToDecimal(double? value) =>
        value is { } v && double.IsFinite(v) && Math.Abs(v) < 7.9e27 ? (decimal)v : null;
}
