using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// Calls every /api route of the document, a success and a 4xx each, and checks each real answer against the schema the
/// document gives for that route and status (required properties, types, no undocumented property) and that every
/// name in it is snake_case. A route added to the API without a call here, or without a schema, fails the test.
/// </summary>
public sealed class OpenApiResponsesTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Window = "\"start_date\":\"2010-01-01\",\"end_date\":\"2011-12-31\"";

    private sealed class Exercise(JsonNode document, HttpClient anonymous)
    {
        private readonly OpenApiSchemaChecker _checker = new(document);
        public readonly List<string> Mismatches = [];
        public readonly HashSet<string> Covered = [];
        public readonly HashSet<string> EventsSeen = [];

        public HttpClient Anonymous => anonymous;

        /// <summary>Sends, expects <paramref name="expected"/>, checks the body against the document; returns the body.</summary>
        public async Task<JsonNode?> CallAsync(HttpClient client, HttpMethod method, string template, string url, HttpStatusCode expected,
            string? body = null, string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
            using var response = await client.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            string name = $"{method.Method} {template}";
            Assert.True(response.StatusCode == expected, $"{name} ({url}): expected {(int)expected}, got {(int)response.StatusCode} {text}");
            int status = (int)response.StatusCode;
            Covered.Add($"{name} {(status < 300 ? "2xx" : "4xx")}");
            var operation = document["paths"]?[template]?[method.Method.ToLowerInvariant()];
            if (operation is null) { Mismatches.Add($"{name}: not in the document"); return null; }
            var described = operation["responses"]?[status.ToString()];
            if (described is null) { Mismatches.Add($"{name}: {status} is not documented"); return null; }
            if (text.Length == 0)
            {
                if (described["content"] is JsonObject { Count: > 0 }) Mismatches.Add($"{name}: {status} documents a body, none came");
                return null;
            }
            string mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var schema = described["content"]?[mediaType]?["schema"];
            if (schema is null) { Mismatches.Add($"{name}: {status} {mediaType} has no schema in the document"); return null; }
            if (mediaType == "text/event-stream")
            {
                // each event: its data is one of the documented messages, and its event line names the message's type
                // (the messages keep the platform's field names, camelCase for runs, so no snake_case check here)
                foreach (var (type, data) in ServerSentEvents(text))
                {
                    EventsSeen.Add(type);
                    var message = JsonNode.Parse(data);
                    if ((string?)message?["type"] != type) Mismatches.Add($"{name} {status}: event '{type}' carries a message of type '{message?["type"]}'");
                    // (the backtest_complete message's metrics are a backtest's metrics or a research run's summary: its
                    // schema, CompletionMessageData, still describes them as an open object)
                    Mismatches.AddRange(_checker.Check(message, schema, openObjectsAllowed: true).Select(e => $"{name} {status} event {type}: {e}"));
                }
                return null;
            }
            var json = JsonNode.Parse(text);
            Mismatches.AddRange(_checker.Check(json, schema).Select(e => $"{name} {status}: {e}"));
            Mismatches.AddRange(OpenApiSchemaChecker.NonWireNames(json).Select(p => $"{name} {status}: '{p}' is not snake_case"));
            return json;
        }
    }

    /// <summary>The (event, data) pairs of a text/event-stream body, one per blank-line-separated block.</summary>
    private static IEnumerable<(string Type, string Data)> ServerSentEvents(string text) =>
        from block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        let lines = block.Split('\n')
        let type = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..]
        let data = string.Join("\n", lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]))
        where type is not null && data.Length > 0
        select (type, data);

    [Fact]
    public async Task EveryRoute_SuccessAndProblemBodies_MatchTheDocument()
    {
        var factory = fixture.Factory;
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var x = new Exercise(document, factory.CreateClient());
        var user = await factory.CreateUserClientAsync("oa-" + Guid.NewGuid().ToString("N")[..8]);
        var admin = await factory.CreateUserClientAsync("oa-admin-" + Guid.NewGuid().ToString("N")[..8], admin: true);
        const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, Accepted = HttpStatusCode.Accepted,
            NoContent = HttpStatusCode.NoContent, NotFound = HttpStatusCode.NotFound, Bad = HttpStatusCode.BadRequest;
        var get = HttpMethod.Get; var post = HttpMethod.Post; var put = HttpMethod.Put; var delete = HttpMethod.Delete;

        // health (unauthenticated, nothing to get wrong)
        await x.CallAsync(x.Anonymous, get, "/api/health", "/api/health", Ok);
        x.Covered.Add("GET /api/health 4xx");
        await x.CallAsync(x.Anonymous, get, "/api/health/ready", "/api/health/ready", Ok); // no warm-up in tests: ready at once
        x.Covered.Add("GET /api/health/ready 4xx");

        // backtests: one completed run, read every way
        string backtest = $"{{\"strategy_id\":\"sma_crossover\",\"asset_symbol\":\"GOOG\",{Window},\"initial_capital\":10000,\"parameters\":{{\"fast_period\":10,\"slow_period\":20}}}}";
        var accepted = await x.CallAsync(user, post, "/api/backtests", "/api/backtests", Accepted, backtest);
        string id = (string)accepted!["backtest_id"]!;
        await x.CallAsync(user, post, "/api/backtests", "/api/backtests", Bad,
            "{\"strategy_id\":\"sma_crossover\",\"asset_symbol\":\"GOOG\",\"parameters\":{\"fast_period\":50,\"slow_period\":10}}");
        await user.WaitForTerminalAsync(id);
        await x.CallAsync(user, get, "/api/backtests", "/api/backtests", Ok);
        await x.CallAsync(user, get, "/api/backtests", "/api/backtests?limit=many", Bad);
        foreach (string tail in new[] { "", "/results", "/trades", "/equity", "/metrics", "/events" })
        {
            await x.CallAsync(user, get, "/api/backtests/{id}" + tail, $"/api/backtests/{id}{tail}", Ok);
            await x.CallAsync(user, get, "/api/backtests/{id}" + tail, $"/api/backtests/bt-missing{tail}", NotFound);
        }
        await x.CallAsync(user, delete, "/api/backtests/{id}", $"/api/backtests/{id}", Ok);
        await x.CallAsync(user, delete, "/api/backtests/{id}", "/api/backtests/bt-missing", NotFound);

        // strategies
        await x.CallAsync(user, get, "/api/strategies", "/api/strategies", Ok);
        await x.CallAsync(x.Anonymous, get, "/api/strategies", "/api/strategies", HttpStatusCode.Unauthorized);
        string rules = "{\"id\":\"oa_sma_rules\",\"name\":\"SMA as rules\",\"strategy_type\":\"trend\",\"parameters\":{\"fast\":{\"type\":\"integer\",\"default\":10,\"minimum\":1,\"maximum\":500},"
            + "\"slow\":{\"type\":\"integer\",\"default\":20,\"minimum\":2,\"maximum\":1000}},\"constraints\":[\"fast < slow\"],"
            + "\"rules\":{\"long_entry\":\"crosses_above(sma(close, fast), sma(close, slow))\",\"long_exit\":\"crosses_below(sma(close, fast), sma(close, slow))\"}}";
        await x.CallAsync(user, post, "/api/strategies", "/api/strategies", Created, rules);
        await x.CallAsync(user, post, "/api/strategies", "/api/strategies", Bad, rules.Replace("crosses_above(sma(", "crosses_above(smaa("));
        await x.CallAsync(user, get, "/api/strategies/{id}", "/api/strategies/oa_sma_rules", Ok);
        await x.CallAsync(user, get, "/api/strategies/{id}", "/api/strategies/no_such_strategy", NotFound);
        await x.CallAsync(user, put, "/api/strategies/{id}", "/api/strategies/oa_sma_rules", Ok, rules.Replace("SMA as rules", "SMA as rules, renamed"));
        await x.CallAsync(user, put, "/api/strategies/{id}", "/api/strategies/sma_crossover", NotFound, rules);
        await x.CallAsync(user, post, "/api/strategies/validate", "/api/strategies/validate", Ok, "{\"strategy_id\":\"sma_crossover\",\"parameters\":{\"fast_period\":50,\"slow_period\":10}}");
        await x.CallAsync(user, post, "/api/strategies/validate", "/api/strategies/validate", HttpStatusCode.UnsupportedMediaType, "{}", "text/plain");
        await x.CallAsync(user, delete, "/api/strategies/{id}", "/api/strategies/oa_sma_rules", NoContent);
        await x.CallAsync(user, delete, "/api/strategies/{id}", "/api/strategies/oa_sma_rules", NotFound);

        // assets
        await x.CallAsync(user, get, "/api/assets", "/api/assets", Ok);
        await x.CallAsync(x.Anonymous, get, "/api/assets", "/api/assets", HttpStatusCode.Unauthorized);
        await x.CallAsync(user, get, "/api/assets/{symbol}/bars", "/api/assets/GOOG/bars?limit=3", Ok);
        await x.CallAsync(user, get, "/api/assets/{symbol}/bars", "/api/assets/NOSUCH/bars", NotFound);
        const string Csv = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,120\n2024-01-04,11.5,12,11,11.8,90\n";
        await x.CallAsync(admin, post, "/api/assets/{symbol}/bars", "/api/assets/OATEST/bars?timeframe=1d", Ok, Csv, "text/csv");
        await x.CallAsync(user, post, "/api/assets/{symbol}/bars", "/api/assets/OATEST/bars", HttpStatusCode.Forbidden, Csv, "text/csv");

        // research: every kind run to completion, so its summary (the body the reducers build) is checked against the
        // document, property by property; then the cell table, a candidate's equity, and cancel (of a finished run)
        string common = $"\"strategy_id\":\"sma_crossover\",\"asset_symbol\":\"GOOG\",{Window},\"initial_capital\":10000";
        var research = new (string Prefix, string Body)[]
        {
            (ResearchHandlers.OptimizationsPrefix, $"{{{common},\"grid\":{{\"fast_period\":[5,10],\"slow_period\":[20,30]}}}}"),
            (ResearchHandlers.WalkForwardPrefix, $"{{{common},\"grid\":{{\"fast_period\":[5,10],\"slow_period\":[20]}},\"in_sample\":200,\"out_of_sample\":100}}"),
            (ResearchHandlers.MonteCarloPrefix, $"{{{common},\"parameters\":{{\"fast_period\":10,\"slow_period\":20}},\"paths\":20,\"seed\":1}}"),
            (ResearchHandlers.PortfoliosPrefix, $"{{{Window},\"initial_capital\":10000,\"strategy_id\":\"buy_and_hold\",\"assets\":[{{\"symbol\":\"GOOG\",\"weight\":1.0}}]}}"),
            (ResearchHandlers.ComparisonsPrefix, $"{{\"asset_symbol\":\"GOOG\",{Window},\"initial_capital\":10000,\"candidates\":[{{\"strategy_id\":\"sma_crossover\"}},{{\"strategy_id\":\"buy_and_hold\"}}]}}"),
        };
        foreach (var (prefix, body) in research)
        {
            string runId = (string)(await x.CallAsync(user, post, prefix, prefix, Accepted, body))!["backtest_id"]!;
            await x.CallAsync(user, post, prefix, prefix, Bad, "{\"initial_capital\":\"lots\"}");
            await user.WaitForTerminalAsync(runId, TimeSpan.FromSeconds(120));
            if (prefix == ResearchHandlers.OptimizationsPrefix)
            {
                await x.CallAsync(user, get, prefix + "/{id}/cells", $"{prefix}/{runId}/cells", Ok);
                await x.CallAsync(user, get, prefix + "/{id}/cells", $"{prefix}/bt-missing/cells", NotFound);
            }
            if (prefix == ResearchHandlers.ComparisonsPrefix)
            {
                await x.CallAsync(user, get, prefix + "/{id}/candidates/{index}/equity", $"{prefix}/{runId}/candidates/1/equity", Ok);
                await x.CallAsync(user, get, prefix + "/{id}/candidates/{index}/equity", $"{prefix}/{runId}/candidates/2/equity", Bad);
            }
            var read = await x.CallAsync(user, get, prefix + "/{id}", $"{prefix}/{runId}", Ok);
            Assert.True(read?["summary"] is JsonObject { Count: > 0 }, $"{prefix}/{runId}: a completed run shows its summary: {read?.ToJsonString()}");
            await x.CallAsync(user, get, prefix + "/{id}", $"{prefix}/bt-missing", NotFound);
            var results = await x.CallAsync(user, get, prefix + "/{id}/results", $"{prefix}/{runId}/results", Ok);
            Assert.True(results?["summary"] is JsonObject { Count: > 0 }, $"{prefix}/{runId}/results: {results?.ToJsonString()}");
            await x.CallAsync(user, get, prefix + "/{id}/results", $"{prefix}/bt-missing/results", NotFound);
            await x.CallAsync(user, delete, prefix + "/{id}", $"{prefix}/{runId}", Ok);
            await x.CallAsync(user, delete, prefix + "/{id}", $"{prefix}/bt-missing", NotFound);
        }

        // schedules
        string schedule = "{\"name\":\"oa grid\",\"cron\":\"0 6 * * 1-5\",\"strategy_id\":\"sma_crossover\",\"parameter_grid\":{\"fast_period\":[5,10],\"slow_period\":[30]},\"assets\":[\"GOOG\"],\"lookback_days\":365}";
        string scheduleId = (string)(await x.CallAsync(user, post, "/api/schedules", "/api/schedules", Created, schedule))!["schedule_id"]!;
        await x.CallAsync(user, post, "/api/schedules", "/api/schedules", Bad, schedule.Replace("0 6 * * 1-5", "every day"));
        await x.CallAsync(user, get, "/api/schedules", "/api/schedules", Ok);
        await x.CallAsync(x.Anonymous, get, "/api/schedules", "/api/schedules", HttpStatusCode.Unauthorized);
        await x.CallAsync(user, get, "/api/schedules/{id}", $"/api/schedules/{scheduleId}", Ok);
        await x.CallAsync(user, get, "/api/schedules/{id}", "/api/schedules/sch-missing", NotFound);
        await x.CallAsync(user, delete, "/api/schedules/{id}", $"/api/schedules/{scheduleId}", NoContent);
        await x.CallAsync(user, delete, "/api/schedules/{id}", $"/api/schedules/{scheduleId}", NotFound);

        // trading sessions
        string start = "{\"asset_symbol\":\"GOOG\",\"start_date\":\"2005-01-03\",\"initial_capital\":10000,\"warmup_bars\":5}";
        string session = (string)(await x.CallAsync(user, post, "/api/sessions", "/api/sessions", Created, start))!["session_id"]!;
        await x.CallAsync(user, post, "/api/sessions", "/api/sessions", Bad, "{\"asset_symbol\":\"GOOG\",\"initial_capital\":-1}");
        await x.CallAsync(user, get, "/api/sessions", "/api/sessions", Ok);
        await x.CallAsync(x.Anonymous, get, "/api/sessions", "/api/sessions", HttpStatusCode.Unauthorized);
        string s = $"/api/sessions/{session}";
        const string Missing = "/api/sessions/ts-missing";
        await x.CallAsync(user, get, "/api/sessions/{id}", s, Ok);
        await x.CallAsync(user, get, "/api/sessions/{id}", Missing, NotFound);
        await x.CallAsync(user, get, "/api/sessions/{id}/bars", s + "/bars?lookback=3", Ok);
        await x.CallAsync(user, get, "/api/sessions/{id}/bars", Missing + "/bars", NotFound);
        await x.CallAsync(user, post, "/api/sessions/{id}/orders", s + "/orders", Created, "{\"side\":\"buy\",\"type\":\"market\",\"quantity\":10}");
        await x.CallAsync(user, post, "/api/sessions/{id}/orders", Missing + "/orders", NotFound, "{\"side\":\"buy\",\"type\":\"market\",\"quantity\":10}");
        string working = (string)(await x.CallAsync(user, post, "/api/sessions/{id}/orders", s + "/orders", Created,
            "{\"side\":\"buy\",\"type\":\"limit\",\"quantity\":1,\"limit_price\":100}"))!["order_id"]!;
        await x.CallAsync(user, get, "/api/sessions/{id}/orders", s + "/orders", Ok);
        await x.CallAsync(user, get, "/api/sessions/{id}/orders", Missing + "/orders", NotFound);
        await x.CallAsync(user, delete, "/api/sessions/{id}/orders/{orderId}", $"{s}/orders/{working}", Ok);
        await x.CallAsync(user, delete, "/api/sessions/{id}/orders/{orderId}", $"{s}/orders/ord-missing", NotFound);
        await x.CallAsync(user, post, "/api/sessions/{id}/advance", s + "/advance", Ok, "{\"bars\":2}");
        await x.CallAsync(user, post, "/api/sessions/{id}/advance", Missing + "/advance", NotFound, "{\"bars\":2}");
        await x.CallAsync(user, get, "/api/sessions/{id}/fills", s + "/fills", Ok);
        await x.CallAsync(user, get, "/api/sessions/{id}/fills", Missing + "/fills", NotFound);
        await x.CallAsync(user, post, "/api/sessions/{id}/autopilot", s + "/autopilot", Ok, "{\"strategy_id\":\"sma_crossover\",\"parameters\":{\"fast_period\":2,\"slow_period\":3},\"bars\":10}");
        await x.CallAsync(user, post, "/api/sessions/{id}/autopilot", Missing + "/autopilot", NotFound, "{\"strategy_id\":\"sma_crossover\",\"bars\":10}");
        await x.CallAsync(user, post, "/api/sessions/{id}/close", s + "/close", Ok);
        await x.CallAsync(user, post, "/api/sessions/{id}/close", s + "/close", HttpStatusCode.Conflict);
        // a closed session's stream answers its state and session_closed, then ends
        await x.CallAsync(user, get, "/api/sessions/{id}/events", s + "/events", Ok);
        await x.CallAsync(user, get, "/api/sessions/{id}/events", Missing + "/events", NotFound);

        // the WebSocket ticket
        await x.CallAsync(user, post, "/api/ws-ticket", "/api/ws-ticket", Ok);
        await x.CallAsync(x.Anonymous, post, "/api/ws-ticket", "/api/ws-ticket", HttpStatusCode.Unauthorized);

        Assert.True(x.Mismatches.Count == 0, string.Join("\n", x.Mismatches));
        // the streams above sent these (a completed run: its progress, then completion; a closed session: its state, then
        // session_closed), each checked against the document's schema of its message
        Assert.Superset(new HashSet<string> { "backtest_progress", "backtest_complete", "session_bar", "session_closed" }, x.EventsSeen);
        var uncovered = (from path in document["paths"]!.AsObject()
                         where path.Key.StartsWith("/api/", StringComparison.Ordinal)
                         from operation in path.Value!.AsObject()
                         from outcome in new[] { "2xx", "4xx" }
                         let name = $"{operation.Key.ToUpperInvariant()} {path.Key} {outcome}"
                         where !x.Covered.Contains(name)
                         select name).ToList();
        Assert.True(uncovered.Count == 0, "routes of the document this test does not call (add them here):\n" + string.Join("\n", uncovered));
    }
}
