using System.Text.Json.Serialization;

namespace Backtesting.Http.Responses;

/// <summary>GET /api/health: healthy with the catalog's strategy count, or unhealthy with a generic error (details are logged).</summary>
public sealed record HealthView(
    string Status,
    string Database,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Strategies = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
