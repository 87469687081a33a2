namespace ControlPlane.Configuration;

/// <summary>
/// The text a configuration was parsed from, kept as read so that the caller can store it as a
/// versioned document and compare versions by <see cref="ContentHash"/>.
/// </summary>
/// <param name="SourceName">The name errors are reported under, usually the file path.</param>
/// <param name="Text">The YAML exactly as read (a file's byte order mark removed).</param>
public sealed record ConfigDocument(string SourceName, string Text)
{
    /// <summary>Lowercase hex SHA-256 of <see cref="Text"/> in UTF-8; see <see cref="ConfigContentHash"/>.</summary>
    public string ContentHash { get; } = ConfigContentHash.Compute(Text);
}
