using System.Net.Sockets;
using System.Text;
using Backtesting.Local.Hosting;
using Backtesting.Tests.Shared;

namespace Backtesting.Local.Tests;

/// <summary>
/// What a real socket gets for requests Kestrel or the pipeline refuses (the in-memory test server skips Kestrel).
/// Targets up to Kestrel's raised line limit reach the pipeline and get problem details; what Kestrel refuses while
/// parsing (a NUL in the path, a line beyond its limit) gets its bare answer, as the README says.
/// </summary>
public sealed class KestrelRejectionTests : IAsyncLifetime
{
    private LocalHostProcess _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostProcess.StartAsync([]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LongQuery_Is414ProblemDetailsNamingTheLimit()
    {
        var (status, headers, body) = await SendAsync("/api/assets?q=" + new string('a', 20_000));

        Assert.Equal(414, status);
        Assert.Contains("Content-Type: application/problem+json", headers);
        Assert.Contains("\"status\":414", body);
        Assert.Contains($"the request target (path and query) is {20_000 + "/api/assets?q=".Length} characters; at most {RequestTargetLimit.MaxTargetLength}", body);
    }

    [Fact]
    public async Task TargetBeyondKestrelsLineLimit_IsKestrels414WithoutBody()
    {
        var (status, headers, body) = await SendAsync("/api/assets?q=" + new string('a', RequestTargetLimit.KestrelRequestLineBytes));

        Assert.Equal(414, status);
        Assert.Contains("Content-Length: 0", headers);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("/api/he\0alth")]      // a raw NUL byte
    [InlineData("/api/health%00")]     // an encoded one: Kestrel decodes the path and refuses it too
    public async Task NulInThePath_IsKestrels400WithoutBody(string path)
    {
        var (status, headers, body) = await SendAsync(path);

        Assert.Equal(400, status);
        Assert.Contains("Content-Length: 0", headers);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task TargetJustUnderTheLimit_ReachesTheApi()
    {
        string path = "/api/health?q=";
        var (status, _, _) = await SendAsync(path + new string('a', RequestTargetLimit.MaxTargetLength - path.Length));

        Assert.Equal(200, status);
    }

    /// <summary>One HTTP/1.1 request written byte for byte (no client library would send these), read to the close.</summary>
    private async Task<(int Status, string Headers, string Body)> SendAsync(string target)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = socket.GetStream();
        byte[] request = Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: {_host.BaseAddress.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response).WaitAsync(TimeSpan.FromSeconds(30));
        string text = Encoding.UTF8.GetString(response.ToArray());
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string headers = text[..split];
        string body = text[(split + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
        return (int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        int at = 0;
        while (true)
        {
            int eol = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = Convert.ToInt32(chunked[at..eol], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }
}
