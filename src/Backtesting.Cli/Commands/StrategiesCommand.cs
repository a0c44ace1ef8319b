using System.CommandLine;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Strategies;

namespace Backtesting.Cli.Commands;

/// <summary><c>strategies</c>: the catalog with every parameter, its default and what it allows.</summary>
public static class StrategiesCommand
{
    public static Command Create(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("strategies", "List the strategies and their parameters.") { json };
        command.SetAction(parse => console.Guarded(() =>
        {
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var s in StrategyCatalog.All)
                    array.Add(new JsonObject
                    {
                        ["id"] = s.Id,
                        ["name"] = s.Name,
                        ["description"] = s.Description,
                        ["strategy_type"] = s.StrategyType,
                        ["parameters_schema"] = s.ParametersSchema(),
                        ["default_parameters"] = JsonOutput.Parameters(s.DefaultParameters.ToDictionary(kv => kv.Key, kv => kv.Value is long l ? (object?)(double)l : kv.Value)),
                    });
                console.Out.WriteLine(JsonOutput.Serialize(array));
                return CliApplication.Ok;
            }
            foreach (var s in StrategyCatalog.All)
            {
                console.Out.WriteLine($"{s.Id}  [{s.StrategyType}]  {s.Name}");
                console.Out.WriteLine($"  {s.Description}");
                var table = new TextTable("parameter", "default", "allowed");
                foreach (var p in s.OwnParameters)
                    table.Add(p.Name, p.Default, p.Allowed);
                if (s.OwnParameters.Count > 0) table.WriteTo(console.Out);
                console.Out.WriteLine();
            }
            console.Out.WriteLine("Every strategy also accepts:");
            var common = new TextTable("parameter", "default", "allowed");
            foreach (var p in CommonParameters.All)
                common.Add(p.Name, p.Default, p.Allowed);
            common.WriteTo(console.Out);
            return CliApplication.Ok;
        }));
        return command;
    }
}
