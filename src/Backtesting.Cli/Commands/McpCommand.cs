using System.CommandLine;
using Backtesting.Http;
using Backtesting.Http.Startup;
using Backtesting.Mcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backtesting.Cli.Commands;

/// <summary>
/// <c>mcp</c>: the service's MCP tools over stdio for a desktop agent (Claude Desktop, VS Code) that starts this process,
/// on the embedded default storage (SQLite + local files) or whatever the "Storage" settings name, as for the local host.
/// There is no API key: the agent runs as the local account that could start the process and acts as <c>--user</c>
/// (default "local", created if missing); nothing listens on the network. stdout carries the protocol only; logs go to stderr.
/// </summary>
public static class McpCommand
{
    /// <summary>Where the database and blobs live unless configured: a per-account folder, wherever the agent starts the process.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "backtesting");

    public static Command Create(CliConsole console)
    {
        var sqlitePath = new Option<string?>("--sqlite-path")
        {
            Description = $"SQLite database file (setting Storage:SqlitePath; default {Path.Combine(DefaultDataDirectory, "backtesting.db")}).",
        };
        var blobDirectory = new Option<string?>("--blob-directory")
        {
            Description = $"Folder of equity curves and other blobs (setting Storage:BlobDirectory; default {Path.Combine(DefaultDataDirectory, "blobs")}).",
        };
        var user = new Option<string>("--user")
        {
            Description = "The user every request acts as (created if missing; its runs are the ones the tools see). Default: local.",
            DefaultValueFactory = _ => "local",
        };
        var command = new Command("mcp",
            "Serve the MCP tools over stdio (for Claude Desktop, VS Code and other agents that start a process). Settings as for the local host "
            + "(environment variables such as Storage__Provider, Storage__PostgresConnectionString, Backtesting__Limits__MaxConcurrentJobsPerUser); "
            + "logs go to stderr.")
        {
            sqlitePath, blobDirectory, user,
        };
        command.SetAction(parse => console.Guarded(() =>
        {
            string userId = UsersCommand.CheckedUserId("--user", parse.GetValue(user)!);
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(sqlitePath) is { } path) overrides["Storage:SqlitePath"] = path;
            if (parse.GetValue(blobDirectory) is { } blobs) overrides["Storage:BlobDirectory"] = blobs;
            using var host = Build(userId, overrides);
            host.Run();
            return CliApplication.Ok;
        }));
        return command;
    }

    /// <summary>The stdio server's host; settings: defaults, then environment variables, then <paramref name="overrides"/>.</summary>
    internal static IHost Build(string userId, IDictionary<string, string?> overrides)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Environment.CurrentDirectory });
        builder.Configuration
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = Path.Combine(DefaultDataDirectory, "backtesting.db"),
                ["Storage:BlobDirectory"] = Path.Combine(DefaultDataDirectory, "blobs"),
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
            })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);

        // stdout is the protocol: every log line, whatever its level, goes to stderr
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        var services = builder.Services;
        services.AddBacktestingServices(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddEmbeddedHost();
        // registered before the MCP transport's hosted service, so the database is ready before the first message is read
        services.AddHostedService(sp => new StartupService(sp.GetRequiredService<EmbeddedHostStartup>(), userId));
        services.AddBacktestingMcpStdio(userId);
        return builder.Build();
    }

    private sealed class StartupService(EmbeddedHostStartup startup, string userId) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => startup.StartAsync(userId, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => startup.StopAsync();
    }
}
