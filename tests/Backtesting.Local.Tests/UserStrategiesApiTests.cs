using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// /api/strategies for a user's own rules strategies: the lifecycle, every kind of bad definition (400 naming
/// field and column, nothing stored), isolation between users, and validation of definitions and configs.
/// </summary>
public sealed class UserStrategiesApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Prefix = StrategyHandlers.Prefix;

    private Task<HttpClient> UserAsync(string name) => fixture.Factory.CreateUserClientAsync(name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The sma_crossover rules of DESIGN section 9 under <paramref name="id"/>, with rule texts replaceable.</summary>
    internal static JsonObject SmaRules(string id = "my_sma_cross", string? longEntry = null, string? longExit = null) => new()
    {
        ["id"] = id,
        ["name"] = "SMA crossover as rules",
        ["strategy_type"] = "trend",
        ["parameters"] = new JsonObject
        {
            ["fast"] = new JsonObject { ["type"] = "integer", ["default"] = 10, ["minimum"] = 1, ["maximum"] = 500 },
            ["slow"] = new JsonObject { ["type"] = "integer", ["default"] = 20, ["minimum"] = 2, ["maximum"] = 1000 },
        },
        ["constraints"] = new JsonArray("fast < slow"),
        ["rules"] = new JsonObject
        {
            ["long_entry"] = longEntry ?? "crosses_above(sma(close, fast), sma(close, slow))",
            ["long_exit"] = longExit ?? "crosses_below(sma(close, fast), sma(close, slow))",
        },
    };

    private static async Task<JsonArray> ListAsync(HttpClient client) => (await client.GetJsonAsync(Prefix)).AsArray();

    private static int OwnCount(JsonArray list) => list.Count(s => (string)s!["owner"]! == "user");

    [Fact]
    public async Task Lifecycle_CreateReadListReplaceDelete()
    {
        var client = await UserAsync("life");

        var (status, created, response) = await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {created?.ToJsonString()}");
        Assert.Equal($"{Prefix}/my_sma_cross", response.Headers.Location!.OriginalString);
        Assert.Equal("user", (string)created!["owner"]!);
        Assert.Equal(10, (int)created["default_parameters"]!["fast"]!);
        Assert.Equal(20, (int)created["default_parameters"]!["slow"]!);
        Assert.Equal("crosses_above(sma(close, fast), sma(close, slow))", (string)created["definition"]!["rules"]!["long_entry"]!);

        var one = await client.GetJsonAsync($"{Prefix}/my_sma_cross");
        Assert.Equal("SMA crossover as rules", (string)one["name"]!);

        var list = await ListAsync(client);
        Assert.Equal("builtin", (string)list.Single(s => (string)s!["id"]! == "sma_crossover")!["owner"]!);
        Assert.Equal("user", (string)list.Single(s => (string)s!["id"]! == "my_sma_cross")!["owner"]!);
        Assert.Equal(1, OwnCount(list));

        var changed = SmaRules();
        changed["name"] = "renamed";
        changed["parameters"]!["fast"]!["default"] = 5;
        var (putStatus, put, _) = await client.SendJsonAsync(HttpMethod.Put, $"{Prefix}/my_sma_cross", changed);
        Assert.True(putStatus == HttpStatusCode.OK, $"{(int)putStatus} {put?.ToJsonString()}");
        Assert.Equal("renamed", (string)(await client.GetJsonAsync($"{Prefix}/my_sma_cross"))["name"]!);
        Assert.Equal(5, (int)(await client.GetJsonAsync($"{Prefix}/my_sma_cross"))["default_parameters"]!["fast"]!);

        var (deleted, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{Prefix}/my_sma_cross");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, $"{Prefix}/my_sma_cross")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Delete, $"{Prefix}/my_sma_cross")).Status);
        Assert.Equal(0, OwnCount(await ListAsync(client)));
    }

    [Fact]
    public async Task OtherUsersStrategy_IsNotFoundEverywhere()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        Assert.Equal(HttpStatusCode.Created, (await alice.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("alices_rules"))).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendJsonAsync(HttpMethod.Get, $"{Prefix}/alices_rules")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendJsonAsync(HttpMethod.Put, $"{Prefix}/alices_rules", SmaRules("alices_rules"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendJsonAsync(HttpMethod.Delete, $"{Prefix}/alices_rules")).Status);
        Assert.Equal(0, OwnCount(await ListAsync(bob)));
        // running it is an unknown strategy for bob, listing what bob may name
        var (status, problem, _) = await bob.SendJsonAsync(HttpMethod.Post, "/api/backtests", new { strategy_id = "alices_rules", asset_symbol = "GOOG" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("strategy_id: 'alices_rules' is not a known strategy", ApiClient.ErrorText(problem!));
        // alice's strategy is untouched
        Assert.Equal("SMA crossover as rules", (string)(await alice.GetJsonAsync($"{Prefix}/alices_rules"))["name"]!);
    }

    [Fact]
    public async Task BuiltIns_CannotBeReplacedOrDeleted()
    {
        var client = await UserAsync("builtin");

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Put, $"{Prefix}/sma_crossover", SmaRules("sma_crossover"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Delete, $"{Prefix}/sma_crossover")).Status);
        Assert.Equal("builtin", (string)(await client.GetJsonAsync($"{Prefix}/sma_crossover"))["owner"]!);
    }

    // Columns are 1-based: "crosses_above(" is 14 characters, so the first argument starts at column 15.
    public static TheoryData<string, string, string> BadDefinitions => new()
    {
        // syntax: the parser expects a closing parenthesis where the text ends (30 characters)
        { SmaRules(longEntry: "crosses_above(close, sma(close").ToJsonString(), "rules.long_entry", "column 31" },
        // unknown function, nearest name
        { SmaRules(longEntry: "crosses_above(smaa(close, fast), sma(close, slow))").ToJsonString(), "rules.long_entry", "column 15: unknown function 'smaa' (did you mean 'sma'?)" },
        // unknown name
        { SmaRules(longExit: "fastt > 3").ToJsonString(), "rules.long_exit", "column 1: 'fastt' is not a parameter or series" },
        // arity: sma takes 2 arguments
        { SmaRules(longEntry: "close > sma(close)").ToJsonString(), "rules.long_entry", "sma takes 2 arguments" },
        // type: 'and' of a number
        { SmaRules(longEntry: "close and true").ToJsonString(), "rules.long_entry", "'and' needs" },
        // parameter bounds: the default lies outside [minimum, maximum]
        { Replace(SmaRules(), d => d["parameters"]!["fast"]!["default"] = 600).ToJsonString(), "parameters.fast.default", "must lie within [1, 500]" },
        // impossible constraint: never true for the defaults
        { Replace(SmaRules(), d => d["constraints"] = new JsonArray("fast > slow")).ToJsonString(), "constraints[0]", "does not hold" },
        // oversized: a rule longer than 1000 characters
        { SmaRules(longEntry: string.Join(" and ", Enumerable.Repeat("close > open", 80))).ToJsonString(), "rules.long_entry", "longer than 1000 characters" },
        // built-in id
        { SmaRules("sma_crossover").ToJsonString(), "id", "is a built-in strategy id" },
        // no entry rule
        { Replace(SmaRules(), d => d["rules"] = new JsonObject { ["long_exit"] = "close > open" }).ToJsonString(), "rules", "at least one entry rule" },
        // not a definition at all
        { "[1, 2]", "definition", "must be a strategy definition object" },
    };

    private static JsonObject Replace(JsonObject definition, Action<JsonObject> change)
    {
        change(definition);
        return definition;
    }

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task Create_BadDefinition_400NamingFieldAndPositionNothingStored(string body, string field, string expected)
    {
        var client = await UserAsync("bad");

        var (status, problem) = await client.PostRawAsync(Prefix, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().FirstOrDefault(e => (string)e!["field"]! == field);
        Assert.True(error is not null, $"no error for {field} in {problem.ToJsonString()}");
        Assert.Contains(expected, (string)error!["message"]!);
        Assert.Equal(0, OwnCount(await ListAsync(client)));
    }

    [Fact]
    public async Task Create_DuplicateId_400AndFirstKept()
    {
        var client = await UserAsync("dup");
        await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("twice_rules"));
        var second = SmaRules("twice_rules");
        second["name"] = "second";

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Post, Prefix, second);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id: 'twice_rules' is already one of your strategies", ApiClient.ErrorText(problem!));
        Assert.Equal("SMA crossover as rules", (string)(await client.GetJsonAsync($"{Prefix}/twice_rules"))["name"]!);
    }

    [Fact]
    public async Task Update_IdDiffersFromPath_400AndUnchanged()
    {
        var client = await UserAsync("rename");
        await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("kept_rules"));

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Put, $"{Prefix}/kept_rules", SmaRules("other_rules"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("must be 'kept_rules'", ApiClient.ErrorText(problem!));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, $"{Prefix}/other_rules")).Status);
    }

    [Fact]
    public async Task Update_BadDefinition_400AndPreviousDefinitionKept()
    {
        var client = await UserAsync("badput");
        await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("stable_rules"));

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Put, $"{Prefix}/stable_rules", SmaRules("stable_rules", longEntry: "sma(close, 5) >"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rules.long_entry", ApiClient.ErrorText(problem!));
        Assert.Equal("crosses_above(sma(close, fast), sma(close, slow))",
            (string)(await client.GetJsonAsync($"{Prefix}/stable_rules"))["definition"]!["rules"]!["long_entry"]!);
    }

    [Fact]
    public async Task Create_PastThePerUserLimit_400AndNothingStored()
    {
        using var factory = new LocalHostFactory(StorageBackend.Sqlite, new Dictionary<string, string?>(LocalHostFactory.GenerousLimits)
        {
            ["Backtesting:Limits:MaxStrategiesPerUser"] = "2",
        });
        var client = await factory.CreateUserClientAsync("limit-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("first_rules"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("second_rules"))).Status);

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("third_rules"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("you already have 2 strategies, the limit per user", ApiClient.ErrorText(problem!));
        Assert.Equal(2, OwnCount(await ListAsync(client)));
        // another user is not affected by the first user's count
        var other = await factory.CreateUserClientAsync("limit2-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.Created, (await other.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("third_rules"))).Status);
    }

    [Fact]
    public async Task Validate_Definition_ValidWithDefaultsOrEveryProblemAndNothingStored()
    {
        var client = await UserAsync("val");

        var (_, valid, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate", SmaRules("checked_rules"));
        Assert.True((bool)valid!["valid"]!, valid.ToJsonString());
        Assert.Equal("checked_rules", (string)valid["strategy_id"]!);
        Assert.Equal(10, (int)valid["resolved_parameters"]!["fast"]!);

        var (status, invalid, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate",
            new JsonObject { ["definition"] = SmaRules("checked_rules", longEntry: "crosses_above(smaa(close, fast), sma(close, slow))") });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)invalid!["valid"]!);
        var error = invalid["errors"]!.AsArray().Single()!;
        Assert.Equal("rules.long_entry", (string)error["field"]!);
        Assert.Equal("column 15: unknown function 'smaa' (did you mean 'sma'?)", (string)error["message"]!);
        Assert.Equal(0, OwnCount(await ListAsync(client)));
    }

    [Fact]
    public async Task Validate_ConfigShape_StillAcceptedAndResolvesOwnStrategies()
    {
        var client = await UserAsync("valcfg");
        await client.SendJsonAsync(HttpMethod.Post, Prefix, SmaRules("own_rules"));

        var (_, builtIn, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate", new { strategy_id = "sma_crossover", parameters = new { fast_period = 30, slow_period = 20 } });
        Assert.False((bool)builtIn!["valid"]!);
        Assert.Equal("parameters.fast_period", (string)builtIn["errors"]![0]!["field"]!);

        var (_, own, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate", new { strategy_id = "own_rules", parameters = new { fast = 7 } });
        Assert.True((bool)own!["valid"]!, own.ToJsonString());
        Assert.Equal(7, (int)own["resolved_parameters"]!["fast"]!);

        // an unknown field of a config is named with the nearest known one (UnknownFields, as everywhere)
        var (_, misspelt, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate", new { strategy_id = "own_rules", paramters = new { fast = 7 } });
        Assert.False((bool)misspelt!["valid"]!);
        Assert.Equal("paramters", (string)misspelt["errors"]![0]!["field"]!);
        Assert.Equal("is not a field of a strategy config (did you mean 'parameters'?); allowed: strategy_id, parameters", (string)misspelt["errors"]![0]!["message"]!);

        // the constraint is checked per config: fast 30 is not < slow 20
        var (_, broken, _) = await client.SendJsonAsync(HttpMethod.Post, $"{Prefix}/validate", new { strategy_id = "own_rules", parameters = new { fast = 30 } });
        Assert.False((bool)broken!["valid"]!);
        Assert.Equal("constraints[0]", (string)broken["errors"]![0]!["field"]!);
    }
}
