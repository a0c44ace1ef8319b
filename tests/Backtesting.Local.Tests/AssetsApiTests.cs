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
}
