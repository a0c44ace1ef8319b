namespace Backtesting.Mcp;

/// <summary>Configuration section "Backtesting:Mcp" of the MCP endpoint.</summary>
public sealed class McpEndpointOptions
{
    public const string SectionName = "Backtesting:Mcp";

    /// <summary>
    /// Browser origins (scheme://host[:port]) allowed besides localhost ones; "*" allows any origin.
    /// Requests without an Origin header (agents, CLIs, servers) are always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
