using Backtesting.Application.Backtests;
using System.Collections.Concurrent;
using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Wraps the registered blob store: remembers every name written, counts chunk equity writes, can hold writes, and can run a step
/// just before a chosen write, which then completes even if the run is cancelled meanwhile (as an
/// activity already running on Azure does, terminated orchestration or not).
/// </summary>
public sealed class RecordingBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte> _written = new();
    private int _chunkWrites;

    /// <summary>Chunk equity blobs written (one per simulated chunk, rewrites included).</summary>
    public int ChunkWrites => _chunkWrites;

    /// <summary>Runs before a write whose name it returns true for; that write then ignores cancellation.</summary>
    public Func<string, bool>? Intercepts { get; set; }

    public Func<Task>? BeforeIntercepted { get; set; }

    /// <summary>Completes once an intercepted write has landed.</summary>
    public TaskCompletionSource InterceptedWritten { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Awaited (with the write's token) before every write: lets a test hold writes until it, or a stop, lets them go.</summary>
    public Func<string, CancellationToken, Task>? Hold { get; set; }

    /// <summary>Throws this from writes it returns true for.</summary>
    public Func<string, bool>? Fails { get; set; }

    public IReadOnlyCollection<string> Written => [.. _written.Keys];

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        if (Fails?.Invoke(name) == true)
            throw new IOException($"injected failure writing {name}");
        _written.TryAdd(name, 0);
        if (name.Contains("/chunks/", StringComparison.Ordinal) && name.EndsWith(".eqc", StringComparison.Ordinal)) Interlocked.Increment(ref _chunkWrites);
        if (Intercepts?.Invoke(name) == true && BeforeIntercepted is { } before)
        {
            await before();
            string reference = await inner.PutAsync(name, content, contentType, CancellationToken.None);
            InterceptedWritten.TrySetResult();
            return reference;
        }
        if (Hold is { } hold) await hold(name, ct);
        return await inner.PutAsync(name, content, contentType, ct);
    }

    /// <summary>Reads of matching blobs throw this exception (e.g. a file permission error).</summary>
    public Func<string, Exception?>? ReadFailure { get; set; }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) =>
        ReadFailure?.Invoke(name) is { } failure ? Task.FromException<byte[]?>(failure) : inner.GetAsync(name, ct);

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => inner.DeleteAsync(name, ct);

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default) => inner.DeleteFolderAsync(folder, ct);

    /// <summary>The written blobs under a folder that still exist.</summary>
    public async Task<List<string>> RemainingAsync(string folder)
    {
        var remaining = new List<string>();
        foreach (string name in Written.Where(n => n.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            if (await inner.GetAsync(name) is not null)
                remaining.Add(name);
        }
        return remaining;
    }

    /// <summary>Replaces the IBlobStore registration with a recording one around it.</summary>
    public static Action<IServiceCollection> Install(Action<RecordingBlobStore>? created = null) => services =>
    {
        // chunks hand over through blobs (as on Durable workers), so each simulated chunk is a blob write to watch
        services.Configure<ChunkHandOverOptions>(o => o.InProcess = false);
        var original = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(original);
        services.AddSingleton<IBlobStore>(sp =>
        {
            var inner = (IBlobStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var recording = new RecordingBlobStore(inner);
            created?.Invoke(recording);
            return recording;
        });
    };
}
