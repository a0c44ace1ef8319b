using System.Reflection;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Support;

namespace Backtesting.Storage.Migrations;

/// <summary>
/// Runs the embedded SQL scripts of one backend through DbUp: versioned scripts
/// (<c>Migrations/{Backend}/NNNN_*.sql</c>) once each, recorded in DbUp's journal, all in one
/// transaction; scripts under <c>Always/</c> on every run, after them.
/// </summary>
internal static class DbUpMigrationRunner
{
    private static readonly Assembly Scripts = typeof(DbUpMigrationRunner).Assembly;

    public static IReadOnlyList<string> Run(UpgradeEngineBuilder builder, string backend, IReadOnlyDictionary<string, string>? alwaysVariables)
    {
        string versioned = $"{Scripts.GetName().Name}.Migrations.{backend}.";
        string always = versioned + "Always.";
        builder = builder
            .WithScriptsEmbeddedInAssembly(Scripts, name => name.StartsWith(versioned, StringComparison.Ordinal) && !name.StartsWith(always, StringComparison.Ordinal))
            .WithTransaction()
            .LogToNowhere();
        if (alwaysVariables is not null)
        {
            builder = builder.WithScriptsEmbeddedInAssembly(Scripts, name => name.StartsWith(always, StringComparison.Ordinal),
                new SqlScriptOptions { ScriptType = ScriptType.RunAlways, RunGroupOrder = int.MaxValue });
            foreach (var (name, value) in alwaysVariables)
                builder = builder.WithVariable(name, value);
        }
        var result = builder.Build().PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException(
                (result.ErrorScript is { } script ? $"migration {script.Name} failed: " : "migrations failed: ") + result.Error?.Message, result.Error);
        return result.Scripts
            .Where(s => s.SqlScriptOptions.ScriptType != ScriptType.RunAlways)
            .Select(s => s.Name[versioned.Length..])
            .ToList();
    }
}
