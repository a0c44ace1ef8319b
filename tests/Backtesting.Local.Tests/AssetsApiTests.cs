using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

public sealed class AssetsApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Csv = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,120\n2024-01-04,11.5,12,11,11.8,90\n";

    [Fact]
    public async Task DemoAsset_IsSeededAndReadableInPages()
    {
        var client = await fixture.Factory.CreateUserClientAsync("reader");
        var assets = (await client.GetJsonAsync("/api/assets")).AsArray();
        var goog = assets.Single(a => (string)a!["symbol"]! == "GOOG")!;
        Assert.Equal(2148, (long)goog["timeframes"]![0]!["count"]!);

        var page = await client.GetJsonAsync("/api/assets/GOOG/bars?from=2004-08-19&to=2004-08-31&limit=3");
        Assert.Equal(9, (long)page["total"]!);
        var items = page["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal(100.34, (double)items[0]!["close"]!);
        Assert.StartsWith("2004-08-20", (string)items[1]!["time"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/assets/NOPE/bars")).StatusCode);
    }

    [Fact]
    public async Task Import_AdminCreatesAssetAndReimportDoesNotDuplicate()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (status, body) = await admin.PostRawAsync("/api/assets/TEST1/bars?timeframe=1d&name=Test", Csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, (long)body!["rows"]!);
        await admin.PostRawAsync("/api/assets/TEST1/bars?timeframe=1d", Csv, "text/csv");

        var page = await admin.GetJsonAsync("/api/assets/TEST1/bars");
        Assert.Equal(3, (long)page["total"]!);
    }

    [Fact]
    public async Task Import_NonAdminForbidden_BadCsvNamesRow()
    {
        var user = await fixture.Factory.CreateUserClientAsync("plain-" + Guid.NewGuid().ToString("N")[..6]);
        var (forbidden, _) = await user.PostRawAsync("/api/assets/TEST2/bars", Csv, "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);

        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (bad, problem) = await admin.PostRawAsync("/api/assets/TEST2/bars", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,9,9,10.5,100\n", "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("row 2", ApiClient.ErrorText(problem!));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/assets/TEST2/bars")).StatusCode);
    }

    // four hourly bars: 09:00, 10:00, 11:00, 12:00 on one day
    private const string HourlyCsv = "Date,Open,High,Low,Close,Volume\n2024-01-02 09:00,10,11,9,10.5,100\n2024-01-02 10:00,10.5,12,10,11.5,120\n"
        + "2024-01-02 11:00,11.5,12,11,11.8,90\n2024-01-02 12:00,11.8,12,11,11.9,80\n";

    [Fact]
    public async Task Import_WithoutTimeframe_InfersItFromTheTimestamps()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (status, body) = await admin.PostRawAsync("/api/assets/HOURLY1/bars", HourlyCsv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1h", (string)body!["timeframe"]!);
        Assert.Equal(4, (long)(await admin.GetJsonAsync("/api/assets/HOURLY1/bars?timeframe=1h"))["total"]!);
        var asset = (await admin.GetJsonAsync("/api/assets")).AsArray().Single(a => (string)a!["symbol"]! == "HOURLY1")!;
        Assert.Equal("1h", (string)asset["timeframes"]!.AsArray().Single()!["timeframe"]!);
    }

    [Fact]
    public async Task Import_TimeframeTheTimestampsContradict_Returns400()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (status, problem) = await admin.PostRawAsync("/api/assets/HOURLY2/bars?timeframe=1d", HourlyCsv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().Single();
        Assert.Equal("timeframe", (string)error!["field"]!);
        Assert.Contains("the bars are 60 minute(s) apart (median), i.e. '1h'", (string)error["message"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/assets/HOURLY2/bars")).StatusCode);
    }

    [Fact]
    public async Task Import_RowWithMoreFieldsThanHeader_Returns400NamingTheRow()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (status, problem) = await admin.PostRawAsync("/api/assets/EXTRA1/bars?timeframe=1d",
            "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,120,7\n", "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().Single();
        Assert.Equal("row 3", (string)error!["value"]!);
        Assert.Equal("has 7 fields but the header has 6", (string)error["message"]!);
    }
}
