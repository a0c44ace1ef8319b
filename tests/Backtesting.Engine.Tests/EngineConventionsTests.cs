using System.Reflection;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests;

/// <summary>The engine is pure computation: no storage, HTTP, Azure or hosting dependencies (DESIGN.md section 2).</summary>
public sealed class EngineConventionsTests
{
    private static readonly Assembly Engine = typeof(BacktestEngine).Assembly;

    [Fact]
    public void EngineAssembly_ReferencesNoIoOrHostingAssemblies()
    {
        string[] forbidden = ["Npgsql", "Dapper", "Microsoft.Data.Sqlite", "Azure", "Microsoft.AspNetCore", "Microsoft.Azure",
            "System.Net.Http", "Microsoft.Extensions.DependencyInjection", "Backtesting.Application", "Backtesting.Storage"];
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        foreach (string name in references)
            Assert.DoesNotContain(forbidden, f => name.StartsWith(f, StringComparison.Ordinal));
    }

    [Fact]
    public void EnginePublicTypes_AreInTheEngineNamespace()
    {
        Assert.All(Engine.GetExportedTypes(), t => Assert.StartsWith("Backtesting.Engine", t.Namespace, StringComparison.Ordinal));
    }
}
