using System.Diagnostics.Metrics;

namespace Backtesting.Local.Startup;

/// <summary>
/// The meters of the warm-up's throwaway host, named <see cref="NamePrefix"/> + the name asked for: meters are process-wide
/// and a listener (the real host's OpenTelemetry, any MeterListener) picks them by name, so under their own names the
/// throwaway host's runs and requests never count in the real host's metrics.
/// </summary>
internal sealed class WarmupMeterFactory : IMeterFactory
{
    public const string NamePrefix = "StartupWarmup.";

    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(NamePrefix + options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters) _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            foreach (var meter in _meters) meter.Dispose();
            _meters.Clear();
        }
    }
}
