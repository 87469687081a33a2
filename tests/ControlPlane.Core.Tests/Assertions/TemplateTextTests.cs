using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Tests.Assertions;

public sealed class TemplateTextTests
{
    [Fact]
    public void Splits_literals_variables_and_secrets()
    {
        var template = TemplateText.TryParse("/orders/${orderId}?k=${env:API_KEY}&f=${file:/run/secrets/x}&lit=$${no}", out var problem, out _);
        Assert.Null(problem);
        Assert.Equal(
            [TemplatePartKind.Literal, TemplatePartKind.Variable, TemplatePartKind.Literal, TemplatePartKind.Environment, TemplatePartKind.Literal, TemplatePartKind.File, TemplatePartKind.Literal],
            template!.Parts.Select(p => p.Kind));
        Assert.Equal(["orderId"], template.Variables);
        Assert.Equal("/orders/[orderId]?k=[env:API_KEY]&f=[file:/run/secrets/x]&lit=${no}", template.Render(p => $"[{p.Reference}]"));
        Assert.False(template.IsLiteral);
        Assert.True(TemplateText.TryParse("plain", out _, out _)!.IsLiteral);
    }

    [Theory]
    [InlineData("a ${b", 3, "'${' is not closed")]
    [InlineData("${1x}", 1, "'${1x}' is not a reference")]
    [InlineData("x${env:}", 2, "is not a reference")]
    [InlineData("${env:A-B}", 1, "is not a reference")]
    [InlineData("${file:relative/path}", 1, "${file:/absolute/path}")]
    [InlineData("${}", 1, "is not a reference")]
    public void Rejects_bad_references_with_their_column(string text, int column, string problem)
    {
        Assert.Null(TemplateText.TryParse(text, out var error, out var at));
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(column, at);
    }
}
