using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration.Cluster;

/// <summary>The ids of one kind of entity: reports a duplicate at its second position and a reference to an unknown id.</summary>
internal sealed class IdRegistry(string kind, ErrorList errors)
{
    private readonly Dictionary<string, YamlValue> _declared = new(StringComparer.Ordinal);

    public int Count => _declared.Count;

    /// <summary>Records an id where it is defined; a second definition is an error naming the first.</summary>
    public void Declare(string? id, YamlValue? at)
    {
        if (string.IsNullOrEmpty(id) || at is not { } where)
        {
            return;
        }

        if (!_declared.TryAdd(id, where))
        {
            var first = _declared[id];
            errors.Add(where.Path, $"duplicate {kind} id {YamlText.Quote(id)}: already defined at {first.Path} (line {first.At.Line})", where.At);
        }
    }

    public bool Contains(string id) => _declared.ContainsKey(id);

    /// <summary>Reports <paramref name="id"/> when nothing of this kind was defined with it.</summary>
    public void Resolve(string? id, YamlValue? at)
    {
        if (string.IsNullOrEmpty(id) || at is not { } where || _declared.ContainsKey(id))
        {
            return;
        }

        var known = _declared.Count == 0 ? $"no {kind}s are defined" : $"defined: {YamlText.List(_declared.Keys)}";
        errors.Add(where.Path, $"{kind} {YamlText.Quote(id)} is not defined ({known})", where.At);
    }
}
