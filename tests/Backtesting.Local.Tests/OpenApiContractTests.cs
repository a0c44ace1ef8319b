using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) against the wire: every /api route is in it with a success schema and
/// its problems, names are snake_case, numbers are numbers, and real answers of every route (a success and a
/// 4xx each) match the schema the document gives for that route and status.
/// </summary>
public sealed partial class OpenApiContractTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    /// <summary>What C# leaks into a description: "string? RunView.Unit", "int ResearchService.Max", generics, escaped generics.</summary>
    [GeneratedRegex(@"\b(string|int|long|double|decimal|bool|DateTime)\??\s+[A-Z]\w*\.[A-Z]\w*|IReadOnly\w*<|&lt;|\b[A-Z]\w+\.[A-Z]\w+\(")]
    private static partial Regex CSharpSignature();

    /// <summary>A route parameter's constraint ("{index:int}"): the document names the parameter alone ("{index}").</summary>
    [GeneratedRegex(@"(?<=\{\w+)(:[^}]+)(?=\})")]
    private static partial Regex RouteConstraint();

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> ApiOperations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        where path.Key.StartsWith("/api/", StringComparison.Ordinal)
        from operation in path.Value!.AsObject()
        select (path.Key, operation.Key, operation.Value!.AsObject());

    [Fact]
    public async Task Document_ListsEveryApiRouteOfTheHost()
    {
        var document = await DocumentAsync();
        var documented = ApiOperations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet();
        var mapped = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            // the API reference UI's own files are pages, not API operations
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {RouteConstraint().Replace(e.RoutePattern.RawText!, "")
                .TrimEnd('/')}"))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented));
    }

    [Fact]
    public async Task Document_EveryRouteHasASuccessSchemaAndProblemResponses()
    {
        var document = await DocumentAsync();
        var checker = new OpenApiSchemaChecker(document);
        var missing = new List<string>();
        foreach (var (path, method, operation) in ApiOperations(document))
        {
            string name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0) missing.Add($"{name}: no 2xx response");
            foreach (var (status, response) in success.Where(r => r.Key != "204"))
            {
                var content = response!["content"] as JsonObject;
                if (content is null || content.Count == 0) { missing.Add($"{name}: {status} has no content"); continue; }
                foreach (var (type, media) in content)
                    if (media!["schema"] is not { } schema || checker.Resolve(schema) is JsonObject { Count: 0 })
                        missing.Add($"{name}: {status} {type} has no schema");
            }
            if (path is "/api/health" or "/api/health/ready") continue; // unauthenticated, no input: their failure is the documented 503 body
            var problems = responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (problems.Count == 0) missing.Add($"{name}: no 4xx response");
            foreach (var (status, response) in problems)
                if (response!["content"]?["application/problem+json"]?["schema"] is null)
                    missing.Add($"{name}: {status} is not described as problem details");
            foreach (string status in new[] { "401", "429" })
                if (!responses.ContainsKey(status)) missing.Add($"{name}: {status} (every authenticated route) is missing");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task Document_NamesAreSnakeCase_NumbersAreNumbers_DescriptionsArePlainText()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        Walk(document, "$", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // the request fields callers send, as the API accepts them
        var schemas = document["components"]!["schemas"]!;
        var backtest = schemas["BacktestRequest"]!["properties"]!.AsObject();
        Assert.True(backtest.ContainsKey("strategy_id") && backtest.ContainsKey("asset_symbol") && backtest.ContainsKey("initial_capital"), backtest.ToJsonString());
        var monteCarlo = schemas["MonteCarloApiRequest"]!["properties"]!.AsObject();
        Assert.True(monteCarlo.ContainsKey("block_length") && monteCarlo.ContainsKey("band_points"), monteCarlo.ToJsonString());
        Assert.Contains("number", TypesOf(backtest["initial_capital"]!));
        Assert.DoesNotContain("string", TypesOf(backtest["initial_capital"]!));
    }

    private static IEnumerable<string> TypesOf(JsonNode schema) =>
        schema["type"] is JsonArray list ? list.Select(t => (string)t!) : schema["type"] is { } one ? [(string)one!] : [];

    /// <summary>
    /// The live run messages (backtest_progress, backtest_complete) keep the platform's camelCase field names, the wire
    /// format its clients read; their schemas describe those names as they are.
    /// </summary>
    private static readonly string[] CamelCaseMessages =
        [$"$.components.schemas.{nameof(Application.Events.ProgressMessage)}", $"$.components.schemas.{nameof(Application.Events.CompletionMessage)}"];

    private static void Walk(JsonNode? node, string path, List<string> problems)
    {
        if (CamelCaseMessages.Contains(path)) return;
        if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++) Walk(array[i], $"{path}[{i}]", problems);
            return;
        }
        if (node is not JsonObject obj) return;
        if (obj["properties"] is JsonObject properties && path.Contains("schema", StringComparison.OrdinalIgnoreCase))
            foreach (var name in properties.Select(p => p.Key).Concat((obj["required"] as JsonArray ?? []).Select(r => (string)r!)))
                if (!OpenApiSchemaChecker.IsWireName(name)) problems.Add($"{path}: property '{name}' is not snake_case");
        if (obj["type"] is JsonArray types && types.Any(t => (string)t! == "string") && types.Any(t => (string)t! is "number" or "integer"))
            problems.Add($"{path}: a number may also be a string: {types.ToJsonString()}");
        if (obj["description"] is JsonValue description && description.GetValueKind() == System.Text.Json.JsonValueKind.String
            && CSharpSignature().Match((string)description!) is { Success: true } leak)
            problems.Add($"{path}: description shows C# ('{leak.Value}'): {(string)description!}");
        foreach (var (key, child) in obj) Walk(child, $"{path}.{key}", problems);
    }
}
