namespace Backtesting.Functions.Durable;

/// <summary>A workflow tried to pass more than the inline limit through Durable messages; large data belongs in blobs.</summary>
public sealed class PayloadTooLargeException(string activityName, string direction, int bytes, int limit)
    : InvalidOperationException($"the {direction} of {activityName} is {bytes} bytes of JSON, more than the {limit} bytes that may travel inline; bars, curves and cell tables must travel as blob references")
{
    public string ActivityName { get; } = activityName;
    public int Bytes { get; } = bytes;
}
