namespace ControlPlane.Configuration;

/// <summary>
/// The outcome of parsing a configuration document: the typed value when the document is valid,
/// otherwise every error found, sorted by position.
/// </summary>
/// <remarks>
/// <see cref="Value"/> is set only when there are no errors: a half-valid model is never handed
/// out, so a caller cannot act on a configuration that was partly ignored.
/// </remarks>
public sealed class ConfigResult<T>
    where T : class
{
    private ConfigResult(T? value, IReadOnlyList<ConfigError> errors, ConfigDocument? document)
    {
        Value = value;
        Errors = errors;
        Document = document;
    }

    /// <summary>The parsed value; null when <see cref="Errors"/> is not empty.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, in document order (line, then column); empty when valid.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>The text that was parsed; null only when a file could not be read at all.</summary>
    public ConfigDocument? Document { get; }

    /// <summary>True when the document parsed with no errors and <see cref="Value"/> is set.</summary>
    public bool IsValid => Value is not null && Errors.Count == 0;

    public static ConfigResult<T> Success(T value, ConfigDocument? document)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ConfigResult<T>(value, [], document);
    }

    public static ConfigResult<T> Failure(IReadOnlyList<ConfigError> errors, ConfigDocument? document)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("a failure needs at least one error", nameof(errors));
        }

        return new ConfigResult<T>(null, errors, document);
    }

    /// <summary>Every error on its own line, as <see cref="ConfigError.ToString"/> formats it.</summary>
    public override string ToString() =>
        IsValid ? "valid" : string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
