using System.Text.Json;
using System.Text.RegularExpressions;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Rules;

/// <summary>
/// A user-defined strategy (DESIGN section 9): identity, declared parameters, constraints between
/// them and the rule expressions, parsed and type-checked. <see cref="ToStrategyDefinition"/> makes it
/// usable wherever a built-in strategy definition is.
/// </summary>
public sealed partial class RuleStrategyDefinition
{
    /// <summary>Most parameters a definition may declare.</summary>
    public const int MaxParameters = 20;

    /// <summary>Most constraints a definition may declare.</summary>
    public const int MaxConstraints = 20;

    /// <summary>Most nodes (numbers, names, operators, calls) in one rule.</summary>
    public const int MaxRuleNodes = 200;

    private static readonly string[] TopLevelFields = ["id", "name", "description", "strategy_type", "parameters", "constraints", "rules"];
    private static readonly string[] ParameterFields = ["type", "default", "minimum", "maximum"];
    private static readonly string[] StrategyTypes =
        [Strategies.StrategyType.Trend, Strategies.StrategyType.MeanReversion, Strategies.StrategyType.Momentum, Strategies.StrategyType.Breakout, Strategies.StrategyType.Benchmark];

    private RuleStrategyDefinition(string id, string name, string description, string strategyType,
        IReadOnlyList<RuleParameter> parameters, IReadOnlyList<string> constraints, RuleSet rules, RuleProgram program)
    {
        Id = id;
        Name = name;
        Description = description;
        StrategyType = strategyType;
        Parameters = parameters;
        Constraints = constraints;
        Rules = rules;
        Program = program;
    }

    public string Id { get; }
    public string Name { get; }
    public string Description { get; }
    public string StrategyType { get; }
    public IReadOnlyList<RuleParameter> Parameters { get; }
    public IReadOnlyList<string> Constraints { get; }
    public RuleSet Rules { get; }

    internal RuleProgram Program { get; }

    /// <summary>A definition from its JSON text; throws <see cref="ValidationException"/> with every problem.</summary>
    public static RuleStrategyDefinition Parse(string json)
    {
        var errors = TryParse(json, out var definition);
        return definition ?? throw new ValidationException(errors);
    }

    /// <summary>Parses and validates a definition's JSON text; every problem is reported, each naming its field.</summary>
    public static IReadOnlyList<ValidationError> TryParse(string json, out RuleStrategyDefinition? definition)
    {
        definition = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return TryParse(document.RootElement, out definition);
        }
        catch (JsonException e)
        {
            return [new ValidationError("definition", null, $"is not valid JSON: {e.Message}")];
        }
    }

    /// <summary>Validates a definition given as a JSON element.</summary>
    public static IReadOnlyList<ValidationError> TryParse(JsonElement root, out RuleStrategyDefinition? definition)
    {
        definition = null;
        var errors = new List<ValidationError>();
        if (root.ValueKind != JsonValueKind.Object)
            return [new ValidationError("definition", null, $"must be a JSON object with {string.Join(", ", TopLevelFields)}")];
        errors.AddRange(UnknownFields.Check(root.EnumerateObject().Select(p => p.Name), TopLevelFields, "a field of a strategy definition"));

        string? id = RequiredString(root, "id", errors);
        if (id is not null && !IdPattern().IsMatch(id))
            errors.Add(new ValidationError("id", Quote(id), "must be 3-64 characters: a lowercase letter, then lowercase letters, digits or '_'"));
        else if (id is not null && StrategyCatalog.Find(id) is not null)
            errors.Add(new ValidationError("id", Quote(id), $"is a built-in strategy id; built-ins: {string.Join(", ", StrategyCatalog.Ids)}"));
        string? name = RequiredString(root, "name", errors);
        if (name is not null && (name.Trim().Length == 0 || name.Length > 100))
            errors.Add(new ValidationError("name", Quote(name), "must be 1-100 characters, not blank"));
        string description = OptionalString(root, "description", errors) ?? "";
        if (description.Length > 2000)
            errors.Add(new ValidationError("description", null, "must be at most 2000 characters"));
        string strategyType = OptionalString(root, "strategy_type", errors) ?? Strategies.StrategyType.Trend;
        if (!StrategyTypes.Contains(strategyType))
            errors.Add(new ValidationError("strategy_type", Quote(strategyType), $"is not a strategy type; allowed: {string.Join(", ", StrategyTypes)}"));

        var parameters = ReadParameters(root, errors);
        var parameterNames = parameters.Select(p => p.Name).ToArray();
        var constraints = ReadConstraints(root, parameterNames, errors, out var constraintTrees);
        var rules = ReadRules(root, parameterNames, errors, out var ruleTrees);

        if (errors.Count == 0)
        {
            var program = new RuleProgram(parameters, constraints, constraintTrees, ruleTrees);
            var defaults = parameters.ToDictionary(p => p.Name, p => p.Default);
            foreach (var problem in program.Check(defaults))
                errors.Add(problem with { Message = problem.Message + " (with the default parameters)" });
            if (errors.Count == 0)
                definition = new RuleStrategyDefinition(id!, name!, description, strategyType, parameters, constraints, rules!, program);
        }
        return errors;
    }

    /// <summary>
    /// This strategy as a catalog-style definition: its own parameters (bounds as declared) plus the common
    /// ones, the constraints and per-run argument checks as its rules, signals from the compiled rules.
    /// The direction is the one the rules imply (the rules alone decide every position).
    /// </summary>
    public StrategyDefinition ToStrategyDefinition() => _strategyDefinition ??= new StrategyDefinition(
        Id, Name, Description, StrategyType,
        Parameters.Select(p => new ParameterDefinition
        {
            Name = p.Name,
            Type = p.IsInteger ? ParameterType.Integer : ParameterType.Number,
            Default = p.Default,
            Minimum = p.Minimum,
            Maximum = p.Maximum,
            Description = $"{(p.IsInteger ? "Integer" : "Number")} parameter of the rules.",
        }).ToArray(),
        (bars, cache) => new RuleSignalKernel(Program, [.. Parameters.Select(p => p.Name)], bars, cache),
        parameters => Program.Check(Parameters.ToDictionary(p => p.Name, p => parameters.GetDouble(p.Name))),
        [Rules.Direction]);

    private StrategyDefinition? _strategyDefinition;

    private static List<RuleParameter> ReadParameters(JsonElement root, List<ValidationError> errors)
    {
        var parameters = new List<RuleParameter>();
        if (!root.TryGetProperty("parameters", out var element) || element.ValueKind == JsonValueKind.Null) return parameters;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("parameters", null, "must be an object: {\"name\": {\"type\": \"integer\", \"default\": 10, \"minimum\": 2, \"maximum\": 200}}"));
            return parameters;
        }
        var reserved = new HashSet<string>([.. RuleTypeChecker.SeriesNames, .. RuleFunction.All.Keys, "and", "or", "not", "true", "false",
            .. CommonParameters.All.Select(p => p.Name)]);
        foreach (var property in element.EnumerateObject())
        {
            string field = $"parameters.{property.Name}";
            if (parameters.Count == MaxParameters)
            {
                errors.Add(new ValidationError("parameters", null, $"declares more than {MaxParameters} parameters"));
                break;
            }
            bool ok = true;
            if (!ParameterNamePattern().IsMatch(property.Name))
            {
                errors.Add(new ValidationError(field, null, "is not a valid parameter name: a lowercase letter, then up to 31 lowercase letters, digits or '_'"));
                ok = false;
            }
            else if (reserved.Contains(property.Name))
            {
                errors.Add(new ValidationError(field, null, "is a reserved name (a series, function, keyword or common parameter); choose another"));
                ok = false;
            }
            var spec = property.Value;
            if (spec.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError(field, null, "must be an object with type, default, minimum and maximum"));
                continue;
            }
            foreach (var key in spec.EnumerateObject())
            {
                if (!ParameterFields.Contains(key.Name))
                {
                    errors.Add(new ValidationError($"{field}.{key.Name}", null, $"is not a parameter field; allowed: {string.Join(", ", ParameterFields)}"));
                    ok = false;
                }
            }
            bool isInteger = false;
            if (!spec.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not ("integer" or "number"))
            {
                errors.Add(new ValidationError($"{field}.type", type.ValueKind == JsonValueKind.Undefined ? null : type.GetRawText(), "is required: 'integer' or 'number'"));
                ok = false;
            }
            else
            {
                isInteger = type.GetString() == "integer";
            }
            double? @default = Number(spec, "default", field, isInteger, required: true, errors, ref ok);
            double? minimum = Number(spec, "minimum", field, isInteger, required: false, errors, ref ok);
            double? maximum = Number(spec, "maximum", field, isInteger, required: false, errors, ref ok);
            if (minimum is { } lo && maximum is { } hi && lo > hi)
            {
                errors.Add(new ValidationError($"{field}.minimum", Format(lo), $"must be <= maximum ({Format(hi)})"));
                ok = false;
            }
            else if (@default is { } d && ((minimum is { } min && d < min) || (maximum is { } max && d > max)))
            {
                errors.Add(new ValidationError($"{field}.default", Format(d), $"must lie within [{(minimum is { } a ? Format(a) : "-inf")}, {(maximum is { } b ? Format(b) : "inf")}]"));
                ok = false;
            }
            if (ok) parameters.Add(new RuleParameter(property.Name, isInteger, @default!.Value, minimum, maximum));
        }
        return parameters;
    }

    private static double? Number(JsonElement spec, string key, string field, bool isInteger, bool required, List<ValidationError> errors, ref bool ok)
    {
        if (!spec.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new ValidationError($"{field}.{key}", null, "is required: a number"));
                ok = false;
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            errors.Add(new ValidationError($"{field}.{key}", value.GetRawText(), "must be a finite number"));
            ok = false;
            return null;
        }
        if (isInteger && number != Math.Floor(number))
        {
            errors.Add(new ValidationError($"{field}.{key}", value.GetRawText(), "must be a whole number (the parameter is an integer)"));
            ok = false;
            return null;
        }
        return number;
    }

    private static List<string> ReadConstraints(JsonElement root, IReadOnlyCollection<string> parameters, List<ValidationError> errors,
        out List<RuleExpression> trees)
    {
        var texts = new List<string>();
        trees = [];
        if (!root.TryGetProperty("constraints", out var element) || element.ValueKind == JsonValueKind.Null) return texts;
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("constraints", null, "must be an array of comparisons between parameters, e.g. [\"fast < slow\"]"));
            return texts;
        }
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            string field = $"constraints[{index++}]";
            if (index > MaxConstraints)
            {
                errors.Add(new ValidationError("constraints", null, $"has more than {MaxConstraints} constraints"));
                break;
            }
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ValidationError(field, item.GetRawText(), "must be a string such as \"fast < slow\""));
                continue;
            }
            string text = item.GetString()!;
            var tree = ParseChecked(text, field, errors, tree => RuleTypeChecker.CheckConstraint(tree, parameters));
            if (tree is null) continue;
            texts.Add(text);
            trees.Add(tree);
        }
        return texts;
    }

    private static RuleSet? ReadRules(JsonElement root, IReadOnlyCollection<string> parameters, List<ValidationError> errors,
        out Dictionary<string, RuleExpression> trees)
    {
        trees = [];
        if (!root.TryGetProperty("rules", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("rules", null, $"is required: an object with {string.Join(", ", RuleSet.Names)} (at least one entry rule)"));
            return null;
        }
        var texts = new Dictionary<string, string>();
        foreach (var property in element.EnumerateObject())
        {
            string field = $"rules.{property.Name}";
            if (!RuleSet.Names.Contains(property.Name))
            {
                errors.Add(new ValidationError(field, null, $"is not a rule{NearestName.Hint(property.Name, RuleSet.Names)}; allowed: {string.Join(", ", RuleSet.Names)}"));
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ValidationError(field, property.Value.GetRawText(), "must be a string holding a condition, e.g. \"close > sma(close, 20)\""));
                continue;
            }
            string text = property.Value.GetString()!;
            texts[property.Name] = text;
            var tree = ParseChecked(text, field, errors, tree => RuleTypeChecker.CheckRule(tree, parameters));
            if (tree is not null) trees[property.Name] = tree;
        }
        if (!texts.ContainsKey("long_entry") && !texts.ContainsKey("short_entry"))
            errors.Add(new ValidationError("rules", null, "needs at least one entry rule: long_entry or short_entry"));
        if (texts.ContainsKey("long_exit") && !texts.ContainsKey("long_entry"))
            errors.Add(new ValidationError("rules.long_exit", null, "has no long_entry to exit from"));
        if (texts.ContainsKey("short_exit") && !texts.ContainsKey("short_entry"))
            errors.Add(new ValidationError("rules.short_exit", null, "has no short_entry to exit from"));
        return new RuleSet(texts.GetValueOrDefault("long_entry"), texts.GetValueOrDefault("long_exit"),
            texts.GetValueOrDefault("short_entry"), texts.GetValueOrDefault("short_exit"));
    }

    /// <summary>Parses, size-checks and type-checks one expression; its problems are added under <paramref name="field"/>.</summary>
    private static RuleExpression? ParseChecked(string text, string field, List<ValidationError> errors,
        Func<RuleExpression, IReadOnlyList<RuleSyntaxError>> check)
    {
        var tree = RuleParser.Parse(text, out var syntax);
        if (tree is null)
        {
            errors.Add(new ValidationError(field, null, syntax!.Value.ToString()));
            return null;
        }
        if (tree.Size > MaxRuleNodes)
        {
            errors.Add(new ValidationError(field, null, $"column 1: the expression has {tree.Size} parts (numbers, names, operators, calls); at most {MaxRuleNodes} are allowed"));
            return null;
        }
        var problems = check(tree);
        foreach (var problem in problems) errors.Add(new ValidationError(field, null, problem.ToString()));
        return problems.Count == 0 ? tree : null;
    }

    private static string? RequiredString(JsonElement root, string name, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ValidationError(name, null, "is required: a string"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ValidationError(name, value.GetRawText(), "must be a string"));
            return null;
        }
        return value.GetString();
    }

    private static string? OptionalString(JsonElement root, string name, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new ValidationError(name, value.GetRawText(), "must be a string"));
        return null;
    }

    private static string Quote(string value) => $"'{value}'";

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z][a-z0-9_]{2,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex ParameterNamePattern();
}
