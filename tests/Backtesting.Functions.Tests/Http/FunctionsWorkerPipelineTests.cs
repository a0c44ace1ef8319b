using Backtesting.Functions.Http;
using Backtesting.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Backtesting.Functions.Tests.Http;

/// <summary>
/// The app's worker pipeline, as Program builds it, puts the security headers on HTTP responses: not only does the
/// middleware behave (SecurityHeadersMiddlewareTests), it is registered where the worker runs every invocation.
/// </summary>
public sealed class FunctionsWorkerPipelineTests
{
    [Fact]
    public async Task UseBacktestingMiddleware_AnHttpInvocationThroughThePipeline_AnswersWithTheSecurityHeaders()
    {
        var worker = new RecordingWorkerBuilder();
        worker.UseBacktestingMiddleware();
        await using var services = worker.Services.BuildServiceProvider();
        var response = new StartableResponseFeature();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(response);
        bool executed = false;

        // the pipeline as the worker composes it: registered middleware first, then the function itself
        await worker.Compose(_ => { executed = true; return Task.CompletedTask; })(Invocation(http, services));
        await response.StartAsync();

        Assert.True(executed);
        Assert.Equal(Backtesting.Http.SecurityHeaders.ContentSecurityPolicy, http.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", http.Response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public void Program_ConfiguresTheWorkerPipelineAfterTheAspNetCoreIntegration()
    {
        string program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Backtesting.Functions", "Program.cs"));

        int web = program.IndexOf("builder.ConfigureFunctionsWebApplication();", StringComparison.Ordinal);
        int middleware = program.IndexOf("builder.UseBacktestingMiddleware();", StringComparison.Ordinal);
        Assert.True(web >= 0 && middleware > web, "Program.cs must call builder.UseBacktestingMiddleware() after ConfigureFunctionsWebApplication()");
    }

    private static FunctionContext Invocation(HttpContext http, IServiceProvider services)
    {
        // the ASP.NET Core integration hands a function its HttpContext through the invocation's items under this key
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupProperty(c => c.InstanceServices, services);
        return context.Object;
    }

    /// <summary>An <see cref="IFunctionsWorkerApplicationBuilder"/> that keeps what is registered, as the worker's own does.</summary>
    private sealed class RecordingWorkerBuilder : IFunctionsWorkerApplicationBuilder
    {
        private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

        public IServiceCollection Services { get; } = new ServiceCollection();

        public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
        {
            _middleware.Add(middleware);
            return this;
        }

        public FunctionExecutionDelegate Compose(FunctionExecutionDelegate function)
        {
            var next = function;
            for (int i = _middleware.Count - 1; i >= 0; i--) next = _middleware[i](next);
            return next;
        }
    }

    /// <summary>A response feature that runs its OnStarting callbacks when told, as a server does before the first byte.</summary>
    private sealed class StartableResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in _starting) await callback(state);
        }
    }
}
