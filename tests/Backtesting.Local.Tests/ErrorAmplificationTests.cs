using System.Net;
using System.Text;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>A large bad request gets a small answer: parameter keys, listed errors and echoed values are capped (issue 19 item 3).</summary>
public sealed class ErrorAmplificationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task Submit_400kUnknownParameterKeys_OneSmallErrorNamingParametersAndTheLimit()
    {
        var client = await fixture.Factory.CreateUserClientAsync("amp-" + Guid.NewGuid().ToString("N")[..8]);
        // 400,000 keys "k000000":0 are 11-12 bytes each: a body of about 4.7 MB, under the 10 MiB body limit
        var body = new StringBuilder("""{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{""", 4_800_000);
        for (int i = 0; i < 400_000; i++)
            body.Append(i == 0 ? "" : ",").Append("\"k").Append(i.ToString("D6")).Append("\":0");
        body.Append("}}");
        Assert.InRange(body.Length, 4_600_000, 4_900_000);

        var response = await client.PostAsync("/api/backtests", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 20_000, $"a {text.Length}-character answer to a bad request");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("parameters", (string)error!["field"]!);
        Assert.Contains("limit of 64", (string)error["message"]!);
        Assert.Equal("400000 keys", (string)error["value"]!);
    }

    [Fact]
    public async Task Validate_ManyBadFields_ListsFiftyAndCountsTheRest()
    {
        var client = await fixture.Factory.CreateUserClientAsync("amp-" + Guid.NewGuid().ToString("N")[..8]);
        // 60 unknown keys (under the 64-key cap): each is an error; 50 are listed, "and 10 more problems"
        string parameters = string.Join(",", Enumerable.Range(0, 60).Select(i => $"\"x{i}\":1"));
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{""" + parameters + "}}", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(50, problem!["errors"]!.AsArray().Count);
        Assert.Equal(10, (int)problem["errors_omitted"]!);
        Assert.EndsWith("and 10 more problems", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Submit_LongBadValue_IsEchoedOnceAndClippedTo100Characters()
    {
        var client = await fixture.Factory.CreateUserClientAsync("amp-" + Guid.NewGuid().ToString("N")[..8]);
        string marker = new('z', 50_000);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","parameters":{"direction":""" + $"\"{marker}\"}}}}", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        string json = problem!.ToJsonString();
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("parameters.direction", (string)error!["field"]!);
        // the value as rendered is '"zzz..."': its first 100 characters, then an ellipsis
        string value = (string)error["value"]!;
        Assert.Equal(101, value.Length);
        Assert.EndsWith("…", value);
        // once in the whole answer: a run of 99 z's appears exactly one time
        string run = new('z', 99);
        Assert.Equal(1, (json.Length - json.Replace(run, "", StringComparison.Ordinal).Length) / run.Length);
    }

    [Fact]
    public async Task Submit_FarFutureEndDate_Returns400NamingTheField()
    {
        var client = await fixture.Factory.CreateUserClientAsync("amp-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, problem) = await client.PostRawAsync("/api/backtests",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","start_date":"2010-01-01","end_date":"9999-12-31"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(problem!["errors"]!.AsArray());
        Assert.Equal("end_date", (string)error!["field"]!);
        Assert.Contains("2200-12-31", (string)error["message"]!);
    }
}
