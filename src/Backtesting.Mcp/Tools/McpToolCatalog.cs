using System.Reflection;
using Backtesting.Mcp.Schema;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// The tool classes the server exposes. A new group of tools (e.g. optimization, Monte Carlo, walk-forward,
/// comparison) is a sealed [McpServerToolType] class in Tools/ added to <see cref="ToolTypes"/>; its
/// parameters get enums from <see cref="SchemaValuesAttribute"/> and are validated before every call.
/// </summary>
internal static class McpToolCatalog
{
    public static IReadOnlyList<Type> ToolTypes { get; } =
    [
        typeof(BacktestTools),
        typeof(StrategyTools),
        typeof(AssetTools),
        typeof(ResearchTools),
        typeof(SessionTools),
    ];

    public static IEnumerable<MethodInfo> ToolMethods(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null);

    /// <summary>Registers every tool as the SDK's WithTools does, plus the schema refinements.</summary>
    public static IMcpServerBuilder WithBacktestingTools(this IMcpServerBuilder builder)
    {
        foreach (var type in ToolTypes)
            foreach (var method in ToolMethods(type))
                builder.Services.AddSingleton(services => Create(type, method, services));
        return builder;
    }

    private static McpServerTool Create(Type type, MethodInfo method, IServiceProvider services)
    {
        var tool = McpServerTool.Create(method,
            method.IsStatic ? _ => null! : (RequestContext<CallToolRequestParams> request) => ActivatorUtilities.CreateInstance(request.Services!, type),
            new McpServerToolCreateOptions { Services = services });
        tool.ProtocolTool.InputSchema = ToolSchemaRefiner.Refine(tool.ProtocolTool.InputSchema, method);
        return tool;
    }
}
