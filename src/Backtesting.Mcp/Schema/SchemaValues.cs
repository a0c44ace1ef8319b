namespace Backtesting.Mcp.Schema;

/// <summary>Value sets known only at run time (catalogs), merged into a tool parameter's input schema.</summary>
internal enum SchemaValues
{
    /// <summary>A strategy id: a built-in (listed) or one of the caller's own (any id pattern).</summary>
    StrategyIds,

    /// <summary>enum (on items for arrays): the metric names of DESIGN section 5.</summary>
    MetricNames,

    /// <summary>enum: run statuses.</summary>
    RunStatuses,

    /// <summary>enum: job kinds.</summary>
    RunKinds,

    /// <summary>enum: bar timeframes.</summary>
    Timeframes,

    /// <summary>object: the parameters every strategy takes (with bounds and the direction enum) plus each strategy's own, described.</summary>
    StrategyParameters,
}
