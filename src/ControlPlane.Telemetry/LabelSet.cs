using System.Diagnostics;

namespace ControlPlane.Telemetry;

/// <summary>Label names of an instrument, and the checked conversion of label values (in that order) into tags.</summary>
internal sealed class LabelSet(string instrument, string[] names)
{
    public IReadOnlyList<string> Names => names;

    public TagList Tags(string[] values)
    {
        Check(values);
        var tags = default(TagList);
        for (var i = 0; i < names.Length; i++)
        {
            tags.Add(names[i], values[i]);
        }

        return tags;
    }

    public KeyValuePair<string, object?>[] TagArray(string[] values)
    {
        Check(values);
        var tags = new KeyValuePair<string, object?>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            tags[i] = new(names[i], values[i]);
        }

        return tags;
    }

    public int IndexOf(string name) => Array.IndexOf(names, name);

    private void Check(string[] values)
    {
        if (values.Length != names.Length)
        {
            throw new ArgumentException($"{instrument} takes {names.Length} label value(s) ({string.Join(", ", names)}), got {values.Length}", nameof(values));
        }
    }
}
