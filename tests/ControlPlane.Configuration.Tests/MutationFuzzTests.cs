using System.Text;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Configuration.Tests;

/// <summary>Random damage to valid documents: whatever the damage, parsing returns errors and never throws.</summary>
public class MutationFuzzTests
{
    private static readonly string[] Characters =
        ["\t", ":", "[", "]", "{", "}", "-", "\"", "'", "&", "*", "!", "#", "|", ">", "%", "@", "`", ",", "?", "\n", " ", "\0", "é", "9", "\\", "---\n"];

    private static readonly string[] Values =
    [
        "99999999999999999999999999", "-1", "\"\"", "[]", "{}", "~", "1e999", "0x10", "..", "fe80::1", "169.254.169.254",
        "1s", "5", ".nan", "true", "[a, [b, {c: d}]]", "*alias", "&anchor x", "!!binary AA==", new string('x', 5000),
        "\"\\u0000\"", "|\n  text", "0", "2147483648", "-9223372036854775809", "1.5", "'(?<'", "http://[::1", "../../..",
    ];

    [Fact]
    public void Hundreds_of_random_mutations_of_the_cluster_example_never_throw()
    {
        var random = new Random(20261121);
        var valid = Examples.Cluster;
        var invalidCount = 0;
        for (var i = 0; i < 400; i++)
        {
            var mutated = Mutate(valid, random);

            var result = ClusterDefinitionParser.Parse(mutated, "cluster.yaml", TestZoneFileProviderFactory.Registered);

            AssertExplained(result, mutated);
            invalidCount += result.IsValid ? 0 : 1;
        }

        // Most damage must be noticed; a fuzzer whose mutations all parse tests nothing.
        Assert.True(invalidCount > 250, $"only {invalidCount} of 400 mutations were invalid");
    }

    [Fact]
    public void Hundreds_of_random_mutations_of_the_silo_example_never_throw()
    {
        var random = new Random(11);
        var valid = Examples.Silo;
        for (var i = 0; i < 250; i++)
        {
            var mutated = Mutate(valid, random);

            var result = SiloSettingsParser.Parse(mutated, "silo.yaml", Examples.Folder);

            AssertExplained(result, mutated);
        }
    }

    private static void AssertExplained<T>(ConfigResult<T> result, string text)
        where T : class
    {
        Assert.Equal(result.Errors.Count == 0, result.IsValid);
        Assert.Equal(result.IsValid, result.Value is not null);
        var lines = text.Split('\n').Length;
        foreach (var error in result.Errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.DoesNotContain("internal error", error.Message, StringComparison.Ordinal);
            Assert.True(error.Line is null || (error.Line >= 1 && error.Line <= lines + 1), $"line {error.Line} outside the text: {error}");
            _ = error.ToString();
        }
    }

    private static string Mutate(string text, Random random)
    {
        var rounds = random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
        {
            text = random.Next(8) switch
            {
                0 => EditLines(text, random, (lines, at) => lines.RemoveAt(at)),
                1 => EditLines(text, random, (lines, at) => lines.Insert(at, lines[random.Next(lines.Count)])),
                2 => EditLines(text, random, (lines, at) =>
                {
                    var other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                }),
                3 => text.Insert(random.Next(text.Length + 1), Characters[random.Next(Characters.Length)]),
                4 => RemoveSpan(text, random),
                5 => ReplaceValue(text, random),
                6 => EditLines(text, random, (lines, at) => lines[at] = random.Next(2) == 0
                    ? new string(' ', random.Next(1, 5)) + lines[at]
                    : lines[at].TrimStart()),
                _ => text[..random.Next(text.Length + 1)],
            };
        }

        return text;
    }

    private static string EditLines(string text, Random random, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private static string RemoveSpan(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var start = random.Next(text.Length);
        return text.Remove(start, Math.Min(random.Next(1, 20), text.Length - start));
    }

    private static string ReplaceValue(string text, Random random)
    {
        var lines = text.Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(": ", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var at = candidates[random.Next(candidates.Count)];
        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
        lines[at] = new StringBuilder(lines[at][..(colon + 2)]).Append(Values[random.Next(Values.Length)]).ToString();
        return string.Join('\n', lines);
    }
}
