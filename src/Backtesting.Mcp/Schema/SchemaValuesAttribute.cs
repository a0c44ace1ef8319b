namespace Backtesting.Mcp.Schema;

/// <summary>Marks a tool parameter whose schema gets a run-time value set (enum of ids, names, ...).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class SchemaValuesAttribute(SchemaValues values) : Attribute
{
    public SchemaValues Values { get; } = values;
}
