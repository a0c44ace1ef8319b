namespace Backtesting.Storage.Blobs;

/// <summary>
/// The blob names both stores accept, so a name valid on disk is valid in Azure and the reverse:
/// '/'-separated segments of letters, digits, '.', '-' and '_', no empty, '.' or '..' segment.
/// </summary>
internal static class BlobNames
{
    public const int MaxLength = 1024;

    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength)
            throw new ArgumentException($"blob name must be 1-{MaxLength} characters", nameof(name));
        foreach (string segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
                throw new ArgumentException($"blob name '{name}' has an empty, '.' or '..' segment", nameof(name));
            foreach (char c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
                    throw new ArgumentException($"blob name '{name}' contains '{c}'; allowed are letters, digits, '.', '-', '_' and '/' between segments", nameof(name));
            }
        }
    }
}
