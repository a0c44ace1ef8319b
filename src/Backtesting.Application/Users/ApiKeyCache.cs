using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Users;

/// <summary>
/// What this process read about API keys (by hash) and users (by id), reused for <see cref="ApiKeyCacheOptions.KeyCacheSeconds"/>:
/// every request authenticates, and without it every poll of a run cost a store read before the run's own. Only keys
/// that exist are kept (an unknown key is looked up every time, so a key issued elsewhere works at once and guessed keys
/// fill no memory); the key's record is kept, not a verdict, so expiry is decided against the clock on every use.
/// <see cref="ForgetUser"/> (revocation, rotation in this process) drops a user's entries at once, and a read that
/// was under way while it happened is not stored.
/// </summary>
public sealed class ApiKeyCache
{
    // beyond this many entries the cache starts over rather than track ages: a bound, not a policy
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry<ApiKeyMatch>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<User>> _users = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _generation;

    private readonly record struct Entry<T>(T Value, long ReadAt);

    public ApiKeyCache(IOptions<ApiKeyCacheOptions> options, TimeProvider time)
    {
        double seconds = options.Value.KeyCacheSeconds;
        if (!double.IsFinite(seconds) || seconds < 0)
            throw new ArgumentOutOfRangeException(nameof(options), seconds, $"{ApiKeyCacheOptions.SectionName}:{nameof(ApiKeyCacheOptions.KeyCacheSeconds)} must be a number of seconds >= 0 (0: no cache)");
        _lifetime = TimeSpan.FromSeconds(seconds);
        _time = time;
    }

    /// <summary>A stamp to pass to <see cref="StoreKey"/>/<see cref="StoreUser"/>, taken before reading the store.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGetKey(string keyHash, out ApiKeyMatch match) => TryGet(_keys, keyHash, out match);

    public bool TryGetUser(string userId, out User user) => TryGet(_users, userId, out user);

    /// <summary>Keeps a key read from the store, unless a user's entries were forgotten since <paramref name="generation"/>.</summary>
    public void StoreKey(string keyHash, ApiKeyMatch match, long generation) => Store(_keys, keyHash, match, generation);

    public void StoreUser(User user, long generation) => Store(_users, user.Id, user, generation);

    /// <summary>Drops every entry of <paramref name="userId"/> (its keys were revoked or rotated) and any read under way.</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _generation);
        _users.TryRemove(userId, out _);
        foreach (var (hash, entry) in _keys)
        {
            if (entry.Value.User.Id == userId)
                _keys.TryRemove(hash, out _);
        }
    }

    private bool TryGet<T>(ConcurrentDictionary<string, Entry<T>> entries, string id, out T value)
    {
        if (entries.TryGetValue(id, out var entry) && _time.GetTimestamp() - entry.ReadAt < _lifetime.TotalSeconds * _time.TimestampFrequency)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    private void Store<T>(ConcurrentDictionary<string, Entry<T>> entries, string id, T value, long generation)
    {
        if (_lifetime <= TimeSpan.Zero) return;
        if (entries.Count >= MaxEntries) entries.Clear();
        entries[id] = new Entry<T>(value, _time.GetTimestamp());
        // a revocation that began after the read: the value may predate it, so it must not be served
        if (Interlocked.Read(ref _generation) != generation)
            entries.TryRemove(id, out _);
    }
}
