using Backtesting.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Backtesting.Functions.Tests.Http;

/// <summary>HTTP functions' responses carry the same hardening headers as the local host's.</summary>
public sealed class SecurityHeadersMiddlewareTests
{
    [Fact]
    public async Task HttpInvocation_ResponseStartsWithCspNosniffFrameDenialAndReferrerPolicy()
    {
        var response = new RecordingResponseFeature();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(response);
        http.Request.Path = "/api/backtests";
        bool ran = false;

        await new SecurityHeadersMiddleware().Invoke(Invocation(http), _ => { ran = true; return Task.CompletedTask; });
        await response.StartAsync();   // what the host does when the function's result is written

        Assert.True(ran);
        var headers = http.Response.Headers;
        var csp = headers.ContentSecurityPolicy.ToString().Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        Assert.Equal(Backtesting.Http.SecurityHeaders.ContentSecurityPolicy, headers.ContentSecurityPolicy.ToString());   // the local host's definition
    }

    [Fact]
    public async Task NonHttpInvocation_PassesThrough()
    {
        bool ran = false;

        await new SecurityHeadersMiddleware().Invoke(Invocation(null), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
    }

    // The ASP.NET Core integration hands a function its HttpContext through the invocation's items under this key.
    private static FunctionContext Invocation(HttpContext? http)
    {
        var items = new Dictionary<object, object>();
        if (http is not null) items["HttpRequestContext"] = http;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        return context.Object;
    }

    /// <summary>A response feature that runs its OnStarting callbacks when told, as a server does before the first byte.</summary>
    private sealed class RecordingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in _starting) await callback(state);
        }
    }
}
