using System.Text;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Tests;

public class MalformedYamlTests
{
    private static ConfigResult<ClusterDefinition> Parse(string yaml) =>
        ClusterDefinitionParser.Parse(yaml, "cluster.yaml", TestZoneFileProviderFactory.Registered);

    [Fact]
    public void A_syntax_error_is_reported_at_its_position()
    {
        var result = Parse("regions: [eu-central]\ndatacenters:\n  - id: \"dc1\\q\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("cluster.yaml:3:9: YAML syntax error: While scanning a quoted scalar, found unknown escape character", error.ToString());
    }

    [Fact]
    public void A_flow_list_left_open_across_lines_is_a_syntax_error_not_a_parser_crash()
    {
        var result = Parse("regions: [eu-central, us-east\ndatacenters:\n  - id: dc1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.StartsWith("YAML syntax error: the text after this point cannot be read as YAML; look for an unclosed '['", error.Message);
        Assert.Equal((1, 21), (error.Line, error.Column));
        Assert.Null(result.Value);
        Assert.NotNull(result.Document);
    }

    [Fact]
    public void Tab_indentation_is_reported_on_every_line_that_uses_it()
    {
        var result = Parse("regions: [eu-central]\ndatacenters:\n\t- id: dc1\n\t- id: dc2\n");

        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal("a tab is used for indentation: YAML indentation must use spaces", e.Message));
        Assert.Equal("cluster.yaml:3:1: a tab is used for indentation: YAML indentation must use spaces", result.Errors[0].ToString());
    }

    [Fact]
    public void A_tab_after_a_value_is_reported_as_tab_indentation()
    {
        var result = Parse("regions: [eu-central]\n  \tdatacenters: []\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    [InlineData("null")]
    public void An_empty_document_is_an_error(string yaml)
    {
        var result = Parse(yaml);

        Assert.Equal("the document is empty: expected a map of fields", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("just some text", "the document must be a map of fields, found 'just some text'")]
    [InlineData("42", "the document must be a map of fields, found '42'")]
    [InlineData("- regions\n- datacenters\n", "the document must be a map of fields, found a list")]
    public void A_root_that_is_not_a_map_is_an_error(string yaml, string message)
    {
        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(message, error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_with_both_lines()
    {
        var result = Parse("regions: [a]\ndatacenters:\n  - id: dc1\n    id: dc2\nregions: [b]\n");

        Assert.Equal(
            ["field 'id' appears twice in the same map (first at line 3)", "field 'regions' appears twice in the same map (first at line 1)"],
            result.Errors.Select(e => e.Message));
        Assert.Equal([4, 5], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Aliases_are_refused_so_a_small_file_cannot_expand_exponentially()
    {
        var laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            var prev = (char)('a' + i - 1);
            var name = (char)('a' + i);
            laughs.Append(name).Append(": &").Append(name).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + prev, 9))).Append("]\n");
        }

        var result = Parse(laughs.ToString());

        Assert.Equal(81, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("YAML aliases are not supported", e.Message));
    }

    [Fact]
    public void An_alias_to_an_unknown_anchor_is_an_error()
    {
        var error = Assert.Single(Parse("regions: *nowhere\n").Errors);

        Assert.Equal("YAML aliases are not supported (*nowhere): write the value out in full", error.Message);
    }

    [Fact]
    public void Anchors_without_aliases_are_harmless()
    {
        var result = Parse("regions: &r [eu-central]\ndatacenters: [{ id: dc1 }]\n");

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        var error = Assert.Single(Parse("regions: [a]\ndatacenters: [{ id: dc1 }]\n---\nregions: [b]\n").Errors);

        Assert.Equal(3, error.Line);
        Assert.Contains("only one YAML document is allowed", error.Message);
    }

    [Fact]
    public void A_complex_key_is_an_error()
    {
        var error = Assert.Single(Parse("? [a, b]\n: 1\n").Errors);

        Assert.Equal("a field name must be plain text, not a list or a map", error.Message);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(65)]
    public void Deep_nesting_is_refused_without_exhausting_the_stack(int depth)
    {
        var yaml = "regions: " + new string('[', depth) + new string(']', depth);

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Contains("nested more than 64 levels deep", error.Message);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused()
    {
        var yaml = "regions: [" + new string('a', 16 * 1024 * 1024) + "]";

        Assert.Contains("the document is too large", Assert.Single(Parse(yaml).Errors).Message);
    }

    [Theory]
    [InlineData("regions: [\"\\q\"]")]
    [InlineData("regions: 'unterminated")]
    [InlineData("regions: [a]]")]
    [InlineData("regions:\n- a\n - b")]
    [InlineData("%YAML 9.9\n---\na: 1")]
    [InlineData("!!binary AAAA: 1")]
    [InlineData("\0\u0001\u0002")]
    [InlineData("{{{{}}}}")]
    [InlineData(":")]
    [InlineData("- - - -")]
    [InlineData("a: |\n  text\n b: 1")]
    [InlineData("\ufeffregions: [a]")]
    public void Odd_input_never_throws_and_always_explains_itself(string yaml)
    {
        var cluster = Parse(yaml);
        var silo = SiloSettingsParser.Parse(yaml, "silo.yaml", "/tmp");

        Assert.False(cluster.IsValid);
        Assert.False(silo.IsValid);
        Assert.All(cluster.Errors.Concat(silo.Errors), e => Assert.DoesNotContain("internal error", e.Message));
        Assert.All(cluster.Errors.Concat(silo.Errors), e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
