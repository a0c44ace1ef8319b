namespace Backtesting.Storage;

/// <summary>Where equity curves and other large payloads live.</summary>
public enum BlobProvider
{
    /// <summary>Files under a folder: the embedded default.</summary>
    FileSystem,

    /// <summary>Azure Blob Storage (Azurite locally).</summary>
    Azure,
}
