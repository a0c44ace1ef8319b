using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Backtests;

/// <summary>
/// The chunk trades blob written until 2026-12-05, read so that a Durable run whose chunks ran before the upgrade
/// finishes after it (never written any more): the JSON array of <see cref="Trade"/> objects that
/// <see cref="WorkflowJson"/> writes for a <c>List&lt;Trade&gt;</c> (snake_case, enums as snake_case strings, the computed
/// is_open, pnl_percent and fees included and ignored here), read straight into the simulation's trade values.
/// </summary>
internal static class ChunkTradesJsonFormat
{
    private static readonly JsonEncodedText Side = Name("side"), Quantity = Name("quantity"), EntryBar = Name("entry_bar"), EntryTime = Name("entry_time"),
        EntryPrice = Name("entry_price"), EntryFee = Name("entry_fee"), ExitBar = Name("exit_bar"), ExitTime = Name("exit_time"), ExitPrice = Name("exit_price"),
        ExitFee = Name("exit_fee"), Pnl = Name("pnl"), ExitReasonName = Name("exit_reason");

    private static readonly Dictionary<PositionSide, JsonEncodedText> SideNames = EnumNames<PositionSide>();
    private static readonly Dictionary<ExitReason, JsonEncodedText> ReasonNames = EnumNames<ExitReason>();

    /// <summary>True when the blob is this format's (a JSON array: the serializer writes no whitespace or BOM before it).</summary>
    internal static bool Holds(ReadOnlySpan<byte> blob) => !blob.IsEmpty && blob[0] == (byte)'[';

    /// <summary>
    /// Reads the blob into <paramref name="trades"/> (cleared first), every trade checked (<see cref="ChunkTradesCodec.Check"/>)
    /// and its times found to be <paramref name="bars"/>' at its bars (a blob of another series is rejected, never half-read).
    /// </summary>
    internal static void Decode(ReadOnlySpan<byte> blob, BarSeries bars, int fromBar, int toBar, List<ClosedTradeRecord> trades)
    {
        trades.Clear();
        try
        {
            var json = new Utf8JsonReader(blob);
            Expect(ref json, JsonTokenType.StartArray);
            while (Next(ref json) != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject) throw Invalid($"a trade is {json.TokenType}, not an object");
                trades.Add(ReadTrade(ref json, bars, fromBar, toBar, trades.Count));
            }
            if (json.Read()) throw Invalid("data after the array");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"chunk trades blob is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ClosedTradeRecord ReadTrade(ref Utf8JsonReader json, BarSeries bars, int fromBar, int toBar, int index)
    {
        PositionSide? side = null;
        ExitReason? reason = null;
        int? entryBar = null, exitBar = null;
        DateTime? entryTime = null, exitTime = null;
        double? quantity = null, entryPrice = null, entryFee = null, exitPrice = null, exitFee = null, pnl = null;
        while (Next(ref json) != JsonTokenType.EndObject)
        {
            if (json.ValueTextEquals(Side.EncodedUtf8Bytes)) side = Enum(ref json, SideNames, "side", index);
            else if (json.ValueTextEquals(Quantity.EncodedUtf8Bytes)) quantity = Double(ref json);
            else if (json.ValueTextEquals(EntryBar.EncodedUtf8Bytes)) entryBar = Int(ref json);
            else if (json.ValueTextEquals(EntryTime.EncodedUtf8Bytes)) entryTime = Time(ref json);
            else if (json.ValueTextEquals(EntryPrice.EncodedUtf8Bytes)) entryPrice = Double(ref json);
            else if (json.ValueTextEquals(EntryFee.EncodedUtf8Bytes)) entryFee = Double(ref json);
            else if (json.ValueTextEquals(ExitBar.EncodedUtf8Bytes)) exitBar = Int(ref json);
            else if (json.ValueTextEquals(ExitTime.EncodedUtf8Bytes)) exitTime = Time(ref json);
            else if (json.ValueTextEquals(ExitPrice.EncodedUtf8Bytes)) exitPrice = Double(ref json);
            else if (json.ValueTextEquals(ExitFee.EncodedUtf8Bytes)) exitFee = Double(ref json);
            else if (json.ValueTextEquals(Pnl.EncodedUtf8Bytes)) pnl = Double(ref json);
            else if (json.ValueTextEquals(ExitReasonName.EncodedUtf8Bytes)) reason = Enum(ref json, ReasonNames, "exit_reason", index);
            else
            {
                // is_open, pnl_percent and fees follow from the rest
                Next(ref json);
                json.Skip();
            }
        }
        var trade = new ClosedTradeRecord(
            side ?? throw Missing("side", index), quantity ?? throw Missing("quantity", index), entryBar ?? throw Missing("entry_bar", index),
            entryPrice ?? throw Missing("entry_price", index), entryFee ?? throw Missing("entry_fee", index), exitBar ?? throw Missing("exit_bar", index),
            exitPrice ?? throw Missing("exit_price", index), exitFee ?? throw Missing("exit_fee", index), pnl ?? throw Missing("pnl", index),
            reason ?? throw Missing("exit_reason", index));
        ChunkTradesCodec.Check(trade, index, fromBar, toBar);
        // the values keep bars only (times are read from the series): another series' times must not pass for this one's
        if (entryTime != bars.TimeAt(trade.EntryBar) || exitTime != bars.TimeAt(trade.ExitBar))
            throw Invalid($"trade {index}'s entry_time/exit_time are not the series' times at entry_bar {trade.EntryBar}/exit_bar {trade.ExitBar}");
        return trade;
    }

    private static JsonTokenType Next(ref Utf8JsonReader json) =>
        json.Read() ? json.TokenType : throw Invalid("truncated");

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (Next(ref json) != type) throw Invalid($"expected {type}, found {json.TokenType}");
    }

    private static double Double(ref Utf8JsonReader json)
    {
        // non-finite numbers are written as named literals (WorkflowJson allows them)
        return Next(ref json) == JsonTokenType.String ? JsonSerializer.Deserialize<double>(ref json, WorkflowJson.Options) : json.GetDouble();
    }

    private static int Int(ref Utf8JsonReader json)
    {
        Next(ref json);
        return json.GetInt32();
    }

    private static DateTime Time(ref Utf8JsonReader json)
    {
        Next(ref json);
        return json.GetDateTime();
    }

    private static TEnum Enum<TEnum>(ref Utf8JsonReader json, Dictionary<TEnum, JsonEncodedText> names, string field, int index) where TEnum : struct, Enum
    {
        Next(ref json);
        foreach (var (value, name) in names)
        {
            if (json.ValueTextEquals(name.EncodedUtf8Bytes)) return value;
        }
        throw Invalid($"trade {index}'s {field} '{json.GetString()}' is not one of {string.Join(", ", names.Values)}");
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);

    private static Dictionary<TEnum, JsonEncodedText> EnumNames<TEnum>() where TEnum : struct, Enum =>
        System.Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())));

    private static InvalidDataException Missing(string field, int index) => Invalid($"trade {index} has no {field}");

    private static InvalidDataException Invalid(string what) => ChunkTradesCodec.Invalid(what);
}
