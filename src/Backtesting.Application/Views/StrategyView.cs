using System.Text.Json.Nodes;

namespace Backtesting.Application.Views;

/// <summary>
/// A strategy as the API and MCP tools show it. <c>owner</c> is <c>builtin</c> or <c>user</c>; a user's
/// strategy also carries its definition (DESIGN section 9) and when it was created and last changed.
/// </summary>
public sealed record StrategyView(string Id, string Name, string Description, string StrategyType, JsonObject ParametersSchema, JsonObject DefaultParameters)
{
    public const string BuiltInOwner = "builtin";
    public const string UserOwner = "user";

    public string Owner { get; init; } = BuiltInOwner;

    /// <summary>The rules definition of a user's strategy; null for a built-in.</summary>
    public JsonNode? Definition { get; init; }

    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
}
