using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Engine.Data;
using Backtesting.Functions.Activities;
using Backtesting.Functions.Http;
using Backtesting.Http;
using Backtesting.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Functions.Tests.Support;

/// <summary>
/// The Functions app's service registrations (the same call as Program.cs) over SQLite and a blob
/// folder in a temporary directory, with GOOG daily bars imported and one user with an API key.
/// </summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bt-functions-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configure;
    private readonly bool _functions;

    public FunctionsAppFixture()
        : this(new Dictionary<string, string?>(), configure: null, functions: true)
    {
    }

    /// <param name="settings">Configuration over the defaults (e.g. Backtesting:Durable retry intervals).</param>
    /// <param name="configure">Runs after the app's registrations (e.g. to decorate a port).</param>
    /// <param name="functions">False: the local host's shape (no Durable starter; <paramref name="configure"/> supplies the IWorkflowStarter).</param>
    internal FunctionsAppFixture(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure, bool functions)
    {
        _settings = settings;
        _configure = configure;
        _functions = functions;
    }

    public ServiceProvider Services { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";
    public string UserId => "functions-user";
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = "backtesting.db",
            ["Storage:BlobProvider"] = "FileSystem",
            ["Storage:BlobDirectory"] = "blobs",
        }).AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(Moq.Mock.Of<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()); // the Functions host provides it
        services.AddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore")); // so does its ASP.NET Core web host
        services.AddBacktestingServices(configuration, _root);
        if (_functions) services.AddBacktestingFunctions(configuration);
        _configure?.Invoke(services);
        Services = services.BuildServiceProvider();

        await Services.GetRequiredService<StorageInitializer>().InitializeAsync();
        await using (var csv = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "GOOG.csv")))
            await Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset("GOOG", "Alphabet"), "1d", CsvBarReader.Read(csv));
        (_, ApiKey) = await Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync(UserId, "Functions test user", isAdmin: false);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>An HTTP request as the Functions ASP.NET Core integration hands it to a function.</summary>
    public HttpRequest Request(string method, string path, object? json = null, bool authenticated = true, string? query = null)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = method;
        http.Request.Path = path;
        if (query is not null) http.Request.QueryString = new QueryString(query);
        if (authenticated) http.Request.Headers.Authorization = "Bearer " + ApiKey;
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json as string ?? System.Text.Json.JsonSerializer.Serialize(json)));
        }
        http.Response.Body = new MemoryStream();
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7"); // not loopback: keys are required
        return http.Request;
    }

    /// <summary>Executes a function's result the way the host does and reads status, headers and JSON body.</summary>
    public static async Task<(int Status, JsonNode? Body, IHeaderDictionary Headers)> ExecuteAsync(HttpRequest request, IActionResult result)
    {
        var http = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        string text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (http.Response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, http.Response.Headers);
    }

    /// <summary>Executes a function's result the way the host does, leaving the response body unread.</summary>
    public static Task ExecuteRawAsync(HttpRequest request, IActionResult result) =>
        result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));

    /// <summary>Activities answered by the real activity functions' dispatcher; failures reach the orchestrator as Durable reports them.</summary>
    public Func<string, string, Task<string>> RealActivities() => async (name, input) =>
    {
        try
        {
            return await Services.GetRequiredService<ActivityDispatcher>().RunAsync(name, input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            throw new TaskFailedException(name, 0, TaskFailureDetails.FromException(ex));
        }
    };
}
