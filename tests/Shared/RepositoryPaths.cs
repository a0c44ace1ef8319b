namespace Backtesting.Tests.Shared;

/// <summary>
/// The repository the tests run in: the folder holding Backtesting.Functions.sln, found above the test output.
/// The one lookup, linked into every test project that reads repository files (samples, e2e suites, infra, builds).
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root (Backtesting.Functions.sln) not found above " + AppContext.BaseDirectory);
    }
}
