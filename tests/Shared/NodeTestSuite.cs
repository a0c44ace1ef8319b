using System.Diagnostics;
using System.Text;

namespace Backtesting.Tests.Shared;

/// <summary>
/// Runs a node:test file (an end-to-end suite under tests/*/e2e) for an xunit wrapper. The spec report goes to
/// the captured output; when <see cref="ResultsVariable"/> names a folder (tests/run.sh sets it), node also writes
/// a TAP report there as &lt;suite&gt;.tap, so that every Node test counts on its own in the run's summary
/// instead of as the one xunit test that launched the file. Linked into each test project that has such a suite.
/// </summary>
internal static class NodeTestSuite
{
    /// <summary>The environment variable naming the folder that collects the Node suites' TAP reports.</summary>
    public const string ResultsVariable = "BACKTESTING_NODE_RESULTS";

    private const string SuiteSuffix = ".e2e.test.mjs";

    /// <summary>
    /// The arguments of <c>node</c> for one suite file named &lt;suite&gt;.e2e.test.mjs: spec to stdout, and TAP to
    /// &lt;results&gt;/&lt;suite&gt;.tap when <see cref="ResultsVariable"/> is set.
    /// </summary>
    public static IReadOnlyList<string> NodeArguments(string suiteFile)
    {
        if (!suiteFile.EndsWith(SuiteSuffix, StringComparison.Ordinal))
            throw new ArgumentException($"a Node suite file must be named <suite>{SuiteSuffix}, got '{suiteFile}'", nameof(suiteFile));
        var arguments = new List<string> { "--test", "--test-reporter=spec", "--test-reporter-destination=stdout" };
        var results = Environment.GetEnvironmentVariable(ResultsVariable);
        if (!string.IsNullOrWhiteSpace(results))
        {
            Directory.CreateDirectory(results);
            string suite = suiteFile[..^SuiteSuffix.Length];
            arguments.Add("--test-reporter=tap");
            arguments.Add("--test-reporter-destination=" + Path.Combine(results, suite + ".tap"));
        }
        arguments.Add(suiteFile);
        return arguments;
    }

    /// <summary>
    /// Fails the calling test unless node and npm run; installs the suite's packages (<c>npm ci</c>) when
    /// <paramref name="markerPackage"/> is not in its node_modules yet. One install per folder at a time, across
    /// threads and test processes: two suites sharing a folder (the MCP HTTP and stdio suites) once ran <c>npm ci</c>
    /// together on a fresh clone, each deleting the other's node_modules (ENOTEMPTY).
    /// </summary>
    public static async Task PrepareAsync(string folder, string markerPackage, string whatCannotRun)
    {
        await RequireToolAsync("node", "--version", folder, whatCannotRun);
        await RequireToolAsync("npm", "--version", folder, whatCannotRun);
        string marker = Path.Combine(folder, "node_modules", markerPackage, "package.json");
        if (File.Exists(marker)) return;
        using var installLock = await InstallLockAsync(folder, TimeSpan.FromMinutes(6));
        if (File.Exists(marker)) return; // installed by whoever held the lock before
        var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"npm ci in {folder} failed (the npm registry must be reachable):\n{output}");
    }

    /// <summary>An exclusive lock file for installs into <paramref name="folder"/> (in the temp folder, so nothing lands in the tree).</summary>
    private static async Task<FileStream> InstallLockAsync(string folder, TimeSpan timeout)
    {
        string name = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16];
        string path = Path.Combine(Path.GetTempPath(), $"backtesting-npm-{name}.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250)); // another install into the folder is running
            }
        }
    }

    /// <summary>Fails the calling test, saying what to install, unless <c>tool argument</c> runs and exits 0.</summary>
    public static async Task RequireToolAsync(string tool, string argument, string folder, string whatCannotRun)
    {
        try
        {
            var (exit, _) = await RunAsync(tool, [argument], folder, TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"'{tool} {argument}' failed");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"NOT RUN: '{tool}' is not installed, so {whatCannotRun} cannot run. Install Node.js 20+ (with npm).");
        }
    }

    /// <summary>Runs <paramref name="file"/> in <paramref name="folder"/>, returning its exit code (-1 when killed at the timeout) and its combined output.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, string folder, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var text = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (text) text.AppendLine($"[killed after {timeout.TotalSeconds} s]");
            return (-1, text.ToString());
        }
        // the parameterless wait also drains the redirected output
        process.WaitForExit();
        lock (text) return (process.ExitCode, text.ToString());
    }
}
