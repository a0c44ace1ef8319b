using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Views;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Strategies;

/// <summary>
/// The strategies a user sees (the built-ins and their own rules strategies), the own ones' lifecycle
/// (create, replace, delete: a bad definition is rejected with every problem and nothing is stored) and
/// validation of configs and definitions, as every host exposes them.
/// </summary>
public sealed class StrategyService(IOptions<BacktestingLimits> limits, IUserStrategyStore store, StrategyResolver resolver, TimeProvider time)
{
    /// <summary>The built-in strategies.</summary>
    public IReadOnlyList<StrategyView> List() => StrategyCatalog.All.Select(ToView).ToArray();

    /// <summary>The built-ins, then the user's own strategies by id.</summary>
    public async Task<IReadOnlyList<StrategyView>> ListAsync(string userId, CancellationToken ct = default)
    {
        var own = await store.ListAsync(userId, ct).ConfigureAwait(false);
        return [.. List(), .. own.Select(ToView).OfType<StrategyView>()];
    }

    /// <summary>A built-in, or the user's own strategy; null otherwise (another user's strategy is not found).</summary>
    public async Task<StrategyView?> GetAsync(string userId, string id, CancellationToken ct = default)
    {
        if (StrategyCatalog.Find(id) is { } builtIn) return ToView(builtIn);
        return await store.GetAsync(userId, id, ct).ConfigureAwait(false) is { } own ? ToView(own) : null;
    }

    /// <summary>Stores a new strategy of the user; a bad definition, a duplicate id, a built-in id or the per-user limit is a <see cref="ValidationException"/>.</summary>
    public async Task<StrategyView> CreateAsync(string userId, JsonElement? definition, CancellationToken ct = default)
    {
        var (parsed, text) = Parse(definition);
        var now = time.GetUtcNow().UtcDateTime;
        var row = ToRow(userId, parsed, text, now, now);
        int max = limits.Value.MaxStrategiesPerUser;
        switch (await store.CreateAsync(row, max, ct).ConfigureAwait(false))
        {
            case UserStrategyCreateOutcome.DuplicateId:
                throw new ValidationException([new ValidationError("id", $"'{parsed.Id}'",
                    $"is already one of your strategies; replace it with PUT /api/strategies/{parsed.Id} (MCP: delete_strategy, then create_strategy) or choose another id")]);
            case UserStrategyCreateOutcome.LimitReached:
                throw new ValidationException([new ValidationError("strategies", null,
                    $"you already have {max} strategies, the limit per user; delete one first")]);
        }
        return ToView(row)!;
    }

    /// <summary>Replaces the definition of the user's strategy <paramref name="id"/>; null when the user has none with that id (built-ins included).</summary>
    public async Task<StrategyView?> UpdateAsync(string userId, string id, JsonElement? definition, CancellationToken ct = default)
    {
        var existing = await store.GetAsync(userId, id, ct).ConfigureAwait(false);
        if (existing is null) return null;
        var (parsed, text) = Parse(definition);
        if (parsed.Id != id)
            throw new ValidationException([new ValidationError("id", $"'{parsed.Id}'", $"must be '{id}', the strategy being replaced; to rename, create a new strategy and delete this one")]);
        var row = ToRow(userId, parsed, text, existing.CreatedAt, time.GetUtcNow().UtcDateTime);
        return await store.UpdateAsync(row, ct).ConfigureAwait(false) ? ToView(row) : null;
    }

    /// <summary>Deletes the user's strategy; false when the user has none with that id (a built-in cannot be deleted).</summary>
    public Task<bool> DeleteAsync(string userId, string id, CancellationToken ct = default) => store.DeleteAsync(userId, id, ct);

    /// <summary>
    /// Validates either a strategy config {"strategy_id", "parameters"} (any strategy the user may name) or a
    /// definition (an object with <c>rules</c>, or {"definition": {...}}), returning every problem, or the
    /// parameters resolved with defaults. A body that is neither is itself one error.
    /// </summary>
    public async Task<ValidationView> ValidateAsync(string userId, JsonElement? body, CancellationToken ct = default)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
            return new ValidationView(false, null, [new ValidationError("strategy_config", ErrorEchoLimits.Clip(body?.GetRawText()),
                "must be an object like {\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10}}, or a strategy definition with rules")], null);
        if (obj.TryGetProperty("definition", out var wrapped) && !obj.TryGetProperty("strategy_id", out _))
            return ValidateDefinition(wrapped);
        if (obj.TryGetProperty("rules", out _))
            return ValidateDefinition(obj);
        var own = await resolver.ForUserAsync(userId, ct).ConfigureAwait(false);
        return ValidateConfig(obj, own.Lookup);
    }

    private static readonly string[] ConfigFields = ["strategy_id", "parameters"];

    private ValidationView ValidateConfig(JsonElement obj, StrategyLookup strategies)
    {
        string? id = obj.TryGetProperty("strategy_id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var errors = new List<ValidationError>();
        Dictionary<string, JsonElement>? parameters = null;
        if (obj.TryGetProperty("parameters", out var p))
        {
            if (p.ValueKind == JsonValueKind.Object)
                parameters = p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone());
            else if (p.ValueKind != JsonValueKind.Null)
                errors.Add(new ValidationError("parameters", p.GetRawText(), "must be an object of parameter names to values"));
        }
        // a body with rules is validated as a definition instead (ValidateDefinition)
        errors.AddRange(UnknownFields.Check(obj.EnumerateObject().Select(p => p.Name), ConfigFields, "a field of a strategy config"));
        if (!BacktestRequestValidator.CheckParameterCount(parameters, limits.Value, errors)) return new ValidationView(false, id, errors, null);
        var result = StrategyConfigValidator.Validate(id ?? (idElement.ValueKind == JsonValueKind.Undefined ? null : idElement.GetRawText()), parameters, strategies: strategies);
        errors.AddRange(result.Errors);
        if (errors.Count > 0) return Invalid(id, errors);
        var resolved = new JsonObject();
        foreach (var definition in result.Config!.Definition.Parameters)
            resolved[definition.Name] = ToJson(definition, result.Config.Parameters.Values[definition.Name]);
        return new ValidationView(true, id, [], resolved);
    }

    private static ValidationView ValidateDefinition(JsonElement definition)
    {
        var errors = RuleStrategyDefinition.TryParse(definition, out var parsed);
        string? id = definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString() : null;
        if (parsed is null) return Invalid(id, [.. errors]);
        return new ValidationView(true, parsed.Id, [], Defaults(parsed.ToStrategyDefinition()));
    }

    private static ValidationView Invalid(string? id, List<ValidationError> errors)
    {
        var (listed, omitted) = ErrorEchoLimits.Cap(errors);
        return new ValidationView(false, id, omitted > 0 ? [.. listed, new ValidationError("strategy_config", null, ErrorEchoLimits.MoreSuffix(omitted).TrimStart(';', ' '))] : listed, null);
    }

    /// <summary>A definition checked as section 9 says (every problem, by field and column), or a <see cref="ValidationException"/>.</summary>
    private static (RuleStrategyDefinition Parsed, string Text) Parse(JsonElement? definition)
    {
        if (definition is not { ValueKind: JsonValueKind.Object } obj)
            throw new ValidationException([new ValidationError("definition", ErrorEchoLimits.Clip(definition?.GetRawText()),
                "must be a strategy definition object: {\"id\", \"name\", \"parameters\", \"constraints\", \"rules\": {\"long_entry\": \"...\"}} (DESIGN section 9)")]);
        var errors = RuleStrategyDefinition.TryParse(obj, out var parsed);
        if (parsed is null) throw new ValidationException(errors);
        return (parsed, obj.GetRawText());
    }

    private static UserStrategy ToRow(string userId, RuleStrategyDefinition parsed, string text, DateTime createdAt, DateTime updatedAt)
    {
        var engine = parsed.ToStrategyDefinition();
        return new UserStrategy
        {
            OwnerUserId = userId,
            Id = parsed.Id,
            Name = parsed.Name,
            Description = parsed.Description,
            StrategyType = parsed.StrategyType,
            ParametersSchema = engine.ParametersSchema().ToJsonString(),
            DefaultParameters = Defaults(engine).ToJsonString(),
            Definition = text,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
        };
    }

    public static StrategyView ToView(StrategyDefinition s) =>
        new(s.Id, s.Name, s.Description, s.StrategyType, s.ParametersSchema(), Defaults(s));

    /// <summary>A stored strategy as shown; null when its definition no longer parses (it cannot run either).</summary>
    private static StrategyView? ToView(UserStrategy own) =>
        StoredStrategyDefinitions.Parse(own.Definition) is { } engine
            ? ToView(engine) with { Owner = StrategyView.UserOwner, Definition = JsonNode.Parse(own.Definition), CreatedAt = own.CreatedAt, UpdatedAt = own.UpdatedAt }
            : null;

    private static JsonObject Defaults(StrategyDefinition s)
    {
        var defaults = new JsonObject();
        foreach (var p in s.Parameters)
            defaults[p.Name] = ToJson(p, p.Default);
        return defaults;
    }

    private static JsonNode? ToJson(ParameterDefinition p, object? value) => value switch
    {
        null => null,
        double d when p.Type == ParameterType.Integer => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(value.ToString()),
    };
}
