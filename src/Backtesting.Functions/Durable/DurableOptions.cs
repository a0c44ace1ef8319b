namespace Backtesting.Functions.Durable;

/// <summary>How workflows run on Durable Functions (configuration section "Backtesting:Durable").</summary>
public sealed class DurableOptions
{
    public const string SectionName = "Backtesting:Durable";

    /// <summary>
    /// Largest activity input or output that may travel inline (bytes of JSON). Durable queue messages
    /// are limited to 64 KB, so bars, curves and cell tables must travel as blob references.
    /// </summary>
    public int MaxInlinePayloadBytes { get; set; } = 48 * 1024;

    /// <summary>Largest custom status (bytes of JSON); Durable rejects more than 16 KB.</summary>
    public int MaxCustomStatusBytes { get; set; } = 8 * 1024;

    /// <summary>Attempts per activity, the first included.</summary>
    public int ActivityMaxAttempts { get; set; } = 3;

    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public double ActivityBackoffCoefficient { get; set; } = 2.0;

    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
