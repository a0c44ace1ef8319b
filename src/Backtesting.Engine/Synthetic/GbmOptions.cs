namespace Backtesting.Engine.Synthetic;

/// <summary>Inputs of <see cref="GbmBarGenerator"/>; defaults match the shared reference files' model.</summary>
public sealed record GbmOptions
{
    public int Bars { get; init; } = 10_000;
    public int Seed { get; init; } = 20240601;
    public DateTime Start { get; init; } = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);
    public double StartPrice { get; init; } = 100;

    /// <summary>Annual drift mu.</summary>
    public double Drift { get; init; } = 0.05;

    /// <summary>Annual volatility sigma.</summary>
    public double Volatility { get; init; } = 0.20;
    public int Decimals { get; init; } = 6;

    /// <summary>
    /// Annual speed at which the log price is pulled back towards log(<see cref="StartPrice"/>) (an Ornstein-Uhlenbeck
    /// log price: mean-reverting bars); 0, the default, is plain GBM.
    /// </summary>
    public double MeanReversion { get; init; }
}
