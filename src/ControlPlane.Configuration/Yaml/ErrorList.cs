using YamlDotNet.Core;

namespace ControlPlane.Configuration.Yaml;

/// <summary>Collects every error of one document; nothing stops at the first one.</summary>
internal sealed class ErrorList(string sourceName)
{
    private readonly List<ConfigError> _errors = [];

    public string SourceName { get; } = sourceName;

    public int Count => _errors.Count;

    public void Add(string path, string message, Mark? at) =>
        _errors.Add(new ConfigError(path, message, LineOf(at), ColumnOf(at)) { Source = SourceName });

    public void Add(string path, string message, int line, int column) =>
        _errors.Add(new ConfigError(path, message, line, column) { Source = SourceName });

    /// <summary>Errors in document order; errors about the whole document (no position) first.</summary>
    public IReadOnlyList<ConfigError> ToSortedList() =>
        _errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0).ToList();

    private static int? LineOf(Mark? at) => at is null ? null : (int)Math.Min(at.Value.Line, int.MaxValue);

    private static int? ColumnOf(Mark? at) => at is null ? null : (int)Math.Min(at.Value.Column, int.MaxValue);
}
