using System.Buffers;
using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Backtests;

/// <summary>
/// A chunk's trades blob: the JSON array of <see cref="Trade"/> objects that <see cref="WorkflowJson"/> writes for a
/// <c>List&lt;Trade&gt;</c> (snake_case, enums as snake_case strings, the computed is_open, pnl_percent and fees
/// included), written from and read into the simulation's trade values, so no <see cref="Trade"/> record is built on
/// either side. The bytes are the serializer's (ChunkBlobsTests compares them), so blobs written by either code read
/// with either.
/// </summary>
public static class ChunkTradesCodec
{
    private static readonly JsonEncodedText Side = Name("side"), Quantity = Name("quantity"), EntryBar = Name("entry_bar"), EntryTime = Name("entry_time"),
        EntryPrice = Name("entry_price"), EntryFee = Name("entry_fee"), ExitBar = Name("exit_bar"), ExitTime = Name("exit_time"), ExitPrice = Name("exit_price"),
        ExitFee = Name("exit_fee"), Pnl = Name("pnl"), ExitReasonName = Name("exit_reason"), IsOpen = Name("is_open"), PnlPercent = Name("pnl_percent"), Fees = Name("fees");

    private static readonly Dictionary<PositionSide, JsonEncodedText> SideNames = EnumNames<PositionSide>();
    private static readonly Dictionary<ExitReason, JsonEncodedText> ReasonNames = EnumNames<ExitReason>();

    private const int RetainedBuffer = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The blob of <paramref name="trades"/> (closed, in close order) of <paramref name="bars"/>.</summary>
    public static byte[] Encode(BarSeries bars, ReadOnlySpan<ClosedTradeRecord> trades)
    {
        ArgumentNullException.ThrowIfNull(bars);
        // the JSON is written into this thread's buffer, kept between chunks unless it grew past RetainedBuffer: the
        // blob's array is then the only allocation of its size
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(64 + trades.Length * 400);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = WorkflowJson.Options.Encoder, SkipValidation = true }))
        {
            json.WriteStartArray();
            foreach (ref readonly var t in trades)
            {
                json.WriteStartObject();
                json.WriteString(Side, SideNames[t.Side]);
                Number(json, Quantity, t.Quantity);
                json.WriteNumber(EntryBar, t.EntryBar);
                json.WriteString(EntryTime, bars.TimeAt(t.EntryBar));
                Number(json, EntryPrice, t.EntryPrice);
                Number(json, EntryFee, t.EntryFee);
                json.WriteNumber(ExitBar, t.ExitBar);
                json.WriteString(ExitTime, bars.TimeAt(t.ExitBar));
                Number(json, ExitPrice, t.ExitPrice);
                Number(json, ExitFee, t.ExitFee);
                Number(json, Pnl, t.Pnl);
                json.WriteString(ExitReasonName, ReasonNames[t.ExitReason]);
                // what the record computes (Trade.IsOpen, PnlPercent, Fees), written as the serializer writes them
                json.WriteBoolean(IsOpen, t.ExitReason == ExitReason.Open);
                Number(json, PnlPercent, t.Pnl / (t.Quantity * t.EntryPrice));
                Number(json, Fees, t.EntryFee + t.ExitFee);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        byte[] blob = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > RetainedBuffer) t_buffer = null;
        return blob;
    }

    /// <summary>
    /// Reads a trades blob into <paramref name="trades"/> (cleared first), checking every trade is closed and its times
    /// are <paramref name="bars"/>' at its bars (a blob of another series is rejected, never half-read).
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> blob, BarSeries bars, List<ClosedTradeRecord> trades)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(trades);
        trades.Clear();
        try
        {
            var json = new Utf8JsonReader(blob);
            Expect(ref json, JsonTokenType.StartArray);
            while (Next(ref json) != JsonTokenType.EndArray)
            {
                if (json.TokenType != JsonTokenType.StartObject) throw Invalid($"a trade is {json.TokenType}, not an object");
                trades.Add(ReadTrade(ref json, bars, trades.Count));
            }
            if (json.Read()) throw Invalid("data after the array");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"chunk trades blob is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ClosedTradeRecord ReadTrade(ref Utf8JsonReader json, BarSeries bars, int index)
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
        if (trade.ExitReason == ExitReason.Open) throw Invalid($"trade {index} is open (exit_reason open): a chunk hands over closed trades only");
        if ((uint)trade.EntryBar >= (uint)bars.Count || (uint)trade.ExitBar >= (uint)bars.Count)
            throw Invalid($"trade {index}'s entry_bar {trade.EntryBar} or exit_bar {trade.ExitBar} is outside the series' {bars.Count} bars");
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

    /// <summary>A named floating-point literal where the number is not finite, as the serializer writes it under <see cref="WorkflowJson"/>.</summary>
    private static void Number(Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
            return;
        }
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, value, WorkflowJson.Options);
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);

    private static Dictionary<TEnum, JsonEncodedText> EnumNames<TEnum>() where TEnum : struct, Enum =>
        System.Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())));

    private static InvalidDataException Missing(string field, int index) => Invalid($"trade {index} has no {field}");

    private static InvalidDataException Invalid(string what) => new($"chunk trades blob is invalid: {what}");
}
