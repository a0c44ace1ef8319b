using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>Every kind of bad input answers a problem naming the field, the value and what is allowed; never a 500.</summary>
public sealed class ValidationApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly LocalHostFactory _factory = fixture.Factory;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"strategy_id":"moon","asset_symbol":"GOOG"}""", "strategy_id", "sma_crossover" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"fast_period":30,"slow_period":20}}""", "parameters.fast_period", "must be < slow_period" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"fast_period":"ten"}}""", "parameters.fast_period", "wrong type" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"direction":"up"}}""", "parameters.direction", "long_short" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"warp":1}}""", "parameters.warp", "not a parameter" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"NOPE"}""", "asset_symbol", "available: EURUSD, GOOG, SYN-MEANREV, SYN-TREND, SYN-VOLATILE" },
        { """{"strategy_id":"sma_crossover"}""", "asset_symbol", "is required" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"yesterday"}""", "start_date", "ISO 8601" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"2010-01-01","end_date":"2009-01-01"}""", "end_date", "not be before" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"1990-01-01","end_date":"1995-01-01"}""", "start_date/end_date", "select no 1d bars" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","initial_capital":-5}""", "initial_capital", "(0, 1e12]" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","initial_capital":"lots"}""", "initial_capital", "not valid" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","timeframe":"7m"}""", "timeframe", "1d" },
        { """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","chunks":0}""", "chunks", "[1, 200]" },
        { """{"strategy_id":"sma_crossover",""", "body", "not valid" },
        { "[1,2]", "body", "not valid" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Submit_BadInput_Returns400ProblemNamingField(string body, string field, string expected)
    {
        var client = await _factory.CreateUserClientAsync("v-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, problem) = await client.PostRawAsync("/api/backtests", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem);
        Assert.Equal(400, (int)problem!["status"]!);
        var errors = problem["errors"]!.AsArray();
        var error = errors.FirstOrDefault(e => (string)e!["field"]! == field);
        Assert.True(error is not null, $"no error for {field} in {problem.ToJsonString()}");
        Assert.Contains(expected, ApiClient.ErrorText(problem));
        // nothing was stored
        Assert.Equal(0, (int)(await client.GetJsonAsync("/api/backtests"))["total"]!);
    }

    [Fact]
    public async Task Submit_SeveralProblems_ReportsEachOnce()
    {
        var client = await _factory.CreateUserClientAsync("multi-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","initial_capital":0,"parameters":{"fast_period":0,"position_size":2}}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = problem!["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();
        Assert.Contains("parameters.fast_period", fields);
        Assert.Contains("parameters.position_size", fields);
        Assert.Contains("initial_capital", fields);
    }

    [Fact]
    public async Task Submit_MisspeltTopLevelField_Returns400NamingNearestField()
    {
        // "paramters" would otherwise be ignored and the run would use default parameters
        var client = await _factory.CreateUserClientAsync("typo-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","paramters":{"fast_period":5},"chunkz":2}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem!["errors"]!.AsArray();
        var typo = errors.Single(e => (string)e!["field"]! == "paramters");
        Assert.Contains("did you mean 'parameters'?", (string)typo!["message"]!);
        var chunks = errors.Single(e => (string)e!["field"]! == "chunkz");
        Assert.Contains("did you mean 'chunks'?", (string)chunks!["message"]!);
        Assert.Equal(0, (int)(await client.GetJsonAsync("/api/backtests"))["total"]!);
    }

    [Fact]
    public async Task SubmitResearch_MisspeltTopLevelField_Returns400NamingNearestField()
    {
        var client = await _factory.CreateUserClientAsync("typo-r-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/optimizations",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","grid":{"fast_period":"5:10:5"},"objectve":"sharpe_ratio"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var typo = problem!["errors"]!.AsArray().Single(e => (string)e!["field"]! == "objectve");
        Assert.Contains("did you mean 'objective'?", (string)typo!["message"]!);
    }

    [Fact]
    public async Task Submit_MalformedJson_NamesLineAndPosition()
    {
        // the G starts a value on line 2: two spaces, "strategy_id" (13 characters), ':' and a space come
        // before it, so it is the 18th character of the line
        var client = await _factory.CreateUserClientAsync("json-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests", "{\n  \"strategy_id\": GOOG}", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().Single();
        Assert.Equal("body", (string)error!["field"]!);
        Assert.Equal("the request body is not valid JSON: line 2, position 18", (string)error["message"]!);
    }

    [Fact]
    public async Task Submit_FieldAndCrossFieldProblems_ReportsBoth()
    {
        // position_size 7 fails on its own; fast 50 >= slow 10 must still be reported with it
        var client = await _factory.CreateUserClientAsync("cross-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"fast_period":50,"slow_period":10,"position_size":7}}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem!["errors"]!.AsArray();
        Assert.Contains(errors, e => (string)e!["field"]! == "parameters.position_size");
        var cross = errors.Single(e => (string)e!["field"]! == "parameters.fast_period");
        Assert.Contains("must be < slow_period (10)", (string)cross!["message"]!);
    }

    [Fact]
    public async Task Submit_CrossFieldRuleOnFailedParameter_IsNotJudgedOnItsDefault()
    {
        // slow_period "x" fails; fast 40 < default slow 30 would be a false complaint about a value nobody sent
        var client = await _factory.CreateUserClientAsync("cross2-" + Guid.NewGuid().ToString("N")[..6]);
        var (_, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"fast_period":40,"slow_period":"x"}}""", "application/json");

        var fields = problem!["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();
        Assert.Equal(["parameters.slow_period"], fields);
    }

    [Fact]
    public async Task Submit_WindowWithoutBars_NamesBothEndsAndAvailableRange()
    {
        // samples/GOOG.csv runs from 2004-08-19 to 2013-03-01
        var client = await _factory.CreateUserClientAsync("range-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"2020-01-01"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().Single();
        Assert.Equal("select no 1d bars of GOOG between 2020-01-01 and the last bar; available: 1d from 2004-08-19 to 2013-03-01", (string)error!["message"]!);
    }

    [Fact]
    public async Task Submit_WrongContentType_Returns415()
    {
        var client = await _factory.CreateUserClientAsync("ct-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/backtests", "strategy_id=x", "application/x-www-form-urlencoded");

        Assert.True(status == HttpStatusCode.UnsupportedMediaType, problem?.ToJsonString());
        Assert.True(((string)problem!["detail"]!).Contains("application/json"), problem.ToJsonString());
    }

    [Fact]
    public async Task Submit_BodyOverLimit_Returns413()
    {
        using var small = new LocalHostFactory(StorageBackend.Sqlite, new Dictionary<string, string?> { ["Backtesting:Limits:MaxRequestBodyBytes"] = "200" });
        var client = await small.CreateUserClientAsync("big");
        var (status, problem) = await client.PostRawAsync("/api/backtests", "{\"strategy_id\":\"" + new string('x', 500) + "\"}", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("200 bytes", (string)problem!["detail"]!);
    }

    [Theory]
    [InlineData("/api/backtests?limit=0", "limit")]
    [InlineData("/api/backtests?limit=abc", "limit")]
    [InlineData("/api/backtests?status=sleeping", "status")]
    [InlineData("/api/backtests?kind=backtest_dreams", "kind")]
    [InlineData("/api/assets/GOOG/bars?from=soon", "from")]
    [InlineData("/api/assets/GOOG/bars?limit=999999", "limit")]
    public async Task Query_BadValue_Returns400NamingParameter(string url, string field)
    {
        var client = await _factory.CreateUserClientAsync("q-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem!["errors"]!.AsArray(), e => (string)e!["field"]! == field);
    }

    [Fact]
    public async Task Metrics_UnknownName_Returns400ListingAllowed()
    {
        var client = await _factory.CreateUserClientAsync("m-" + Guid.NewGuid().ToString("N")[..6]);
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest());
        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Get, $"/api/backtests/{id}/metrics?names=final_capital,luck");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("luck", ApiClient.ErrorText(problem!));
        Assert.Contains("sharpe_ratio", ApiClient.ErrorText(problem!));
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/backtests", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/backtests/bt-doesnotexist", HttpStatusCode.NotFound)]
    public async Task UnknownRouteOrMethod_AnswersProblemDetails(string method, string url, HttpStatusCode expected)
    {
        var client = await _factory.CreateUserClientAsync("r-" + Guid.NewGuid().ToString("N")[..6]);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ValidateStrategy_BadConfig_ListsEveryError()
    {
        var client = await _factory.CreateUserClientAsync("val-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, body) = await client.PostRawAsync("/api/strategies/validate",
            """{"strategy_id":"rsi_reversion","parameters":{"period":1,"oversold":80,"overbought":20}}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)body!["valid"]!);
        Assert.Contains(body["errors"]!.AsArray(), e => (string)e!["field"]! == "parameters.period");

        var (_, good) = await client.PostRawAsync("/api/strategies/validate", """{"strategy_id":"sma_crossover","parameters":{"fast_period":5}}""", "application/json");
        Assert.True((bool)good!["valid"]!);
        Assert.Equal(30, (int)good["resolved_parameters"]!["slow_period"]!);
    }

    [Fact]
    public async Task Strategies_ListCatalogWithSchemas()
    {
        var client = await _factory.CreateUserClientAsync("s-" + Guid.NewGuid().ToString("N")[..6]);
        var list = (await client.GetJsonAsync("/api/strategies")).AsArray();

        Assert.Equal(7, list.Count);
        var sma = list.Single(s => (string)s!["id"]! == "sma_crossover")!;
        Assert.Equal("trend", (string)sma["strategy_type"]!);
        Assert.Equal(10, (int)sma["default_parameters"]!["fast_period"]!);
        Assert.NotNull(sma["parameters_schema"]!["properties"]!["direction"]!["enum"]);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var doc = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        foreach (string path in new[] { "/api/backtests", "/api/backtests/{id}/results", "/api/strategies/validate", "/api/assets/{symbol}/bars", "/api/health" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
    }
}
