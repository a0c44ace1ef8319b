using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backtesting.Application.Json;

namespace Backtesting.Tests.Shared;

/// <summary>
/// What the generated JSON contracts' tests compare against (issue 17): the wire settings by reflection alone, and the types a
/// context lists. Linked into the Application tests (workflow payloads) and the Local tests (HTTP views).
/// </summary>
internal static class JsonContracts
{
    /// <summary>The wire settings (<see cref="WorkflowJson.ApplyTo"/>) by reflection alone: what the generated contracts must reproduce.</summary>
    public static JsonSerializerOptions ReflectionOnly()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WorkflowJson.ApplyTo(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver(); // replaces the chain: no generated contracts
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The types <paramref name="context"/> lists by <see cref="JsonSerializableAttribute"/>.</summary>
    public static IReadOnlyList<Type> ListedTypes(JsonSerializerContext context) => context.GetType().GetCustomAttributesData()
        .Where(a => a.AttributeType == typeof(JsonSerializableAttribute)).Select(a => (Type)a.ConstructorArguments[0].Value!).ToArray();
}
