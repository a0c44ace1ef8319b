using System.Net;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Import_NonAdmin_IsRefusedBeforeItsBodyIsRead()
    {
        // issue 19 item 9b: a non-admin's upload up to the body limit (10 MiB) is not read to answer 403;
        // the count is taken inside the host, where the handlers read the request body
        var counter = new BodyReadCounter();
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: s => s.AddSingleton<IStartupFilter>(counter));
        var user = await factory.CreateUserClientAsync("plain-reader");
        using var content = new ByteArrayContent(new byte[10 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await user.PostAsync("/api/assets/TEST3/bars", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, counter.BytesRead);
    }

    /// <summary>Counts the request body bytes the host's pipeline reads (wrapped ahead of every middleware).</summary>
    private sealed class BodyReadCounter : IStartupFilter
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                http.Request.Body = new CountingStream(http.Request.Body, n => Interlocked.Add(ref _read, n));
                return following(http);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken);
            counted(n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            counted(n);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
