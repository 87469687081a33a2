using ControlPlane.Core.Assertions;

namespace ControlPlane.Core.Tests.Assertions;

public sealed class ConditionParserTests
{
    [Theory]
    [InlineData("[STATUS] == 200", ConditionOperator.Equal)]
    [InlineData("[STATUS] != 200", ConditionOperator.NotEqual)]
    [InlineData("[RESPONSE_TIME] < 300ms", ConditionOperator.Less)]
    [InlineData("[RESPONSE_TIME] <= 1.5s", ConditionOperator.LessOrEqual)]
    [InlineData("[CERTIFICATE_EXPIRATION] > 72h", ConditionOperator.Greater)]
    [InlineData("len([BODY].items) >= 1", ConditionOperator.GreaterOrEqual)]
    [InlineData("[BODY] =~ \"^ok\"", ConditionOperator.Matches)]
    [InlineData("[HEADER:Server] !~ 'nginx/1\\.1'", ConditionOperator.NotMatches)]
    [InlineData("[BODY] contains \"ok\"", ConditionOperator.Contains)]
    [InlineData("[BODY] !contains error", ConditionOperator.NotContains)]
    [InlineData("has([BODY].token)", ConditionOperator.IsTrue)]
    [InlineData("[CONNECTED]", ConditionOperator.IsTrue)]
    [InlineData("[STATUS]==200", ConditionOperator.Equal)]
    [InlineData("  [STATUS]   ==   any(200, 204..206)  ", ConditionOperator.Equal)]
    public void Parses_every_operator(string text, ConditionOperator expected)
    {
        var condition = ConditionParser.Parse(text, ConditionScope.Https);
        Assert.Equal(expected, condition.Operator);
        Assert.Equal(text, condition.Text);
    }

    [Theory]
    [InlineData("", 1, "the condition is empty")]
    [InlineData("   ", 4, "the condition is empty")]
    [InlineData("[STATUS]", 9, "expected an operator after [STATUS]")]
    [InlineData("[STATUS] = 200", 10, "'=' is not an operator; did you mean '=='?")]
    [InlineData("[STATUS] <> 200", 10, "'<>' is not an operator; did you mean '!='?")]
    [InlineData("[STATUS] ==", 12, "expected a value after the operator at column 10")]
    [InlineData("[STATUS] == 200 201", 17, "unexpected '201' after the condition's right side")]
    [InlineData("[STATS] == 200", 1, "unknown placeholder [STATS]")]
    [InlineData("[status] == 200", 1, "placeholders are upper case: [STATUS]")]
    [InlineData("[STATUS == 200", 8, "expected ']' after [STATUS")]
    [InlineData("[HEADER] == \"x\"", 8, "write the header's name: [HEADER:Content-Type]")]
    [InlineData("[HEADER:] == \"x\"", 9, "the header name is empty")]
    [InlineData("[STATUS].code == 200", 9, "only [BODY] takes a path")]
    [InlineData("[BODY]. == 1", 8, "expected a field name after '.'")]
    [InlineData("[BODY].items[x] == 1", 14, "expected an array index or a quoted name after '['")]
    [InlineData("[BODY].items[0 == 1", 15, "expected ']' in the path")]
    [InlineData("[BODY] == \"open", 11, "the text starting at column 11 is not closed")]
    [InlineData("[RESPONSE_TIME] < 300", 19, "[RESPONSE_TIME] is a duration but 300 is a number; give a unit: 300ms or 300s")]
    [InlineData("[RESPONSE_TIME] < 300 ms", 23, "unexpected 'ms'")]
    [InlineData("[RESPONSE_TIME] < 3w", 20, "unknown unit 'w'")]
    [InlineData("[STATUS] == \"200\"", 13, "[STATUS] is a number but \"200\" is text; write the number without quotes")]
    [InlineData("[STATUS] == OK", 13, "[STATUS] is a number but OK is text")]
    [InlineData("[STATUS] < \"a\"", 12, "\"a\" is text; <, <=, > and >= compare numbers or durations")]
    [InlineData("[BODY] < 3", 1, "[BODY] is text; <, <=, > and >= compare numbers or durations")]
    [InlineData("[STATUS] =~ 200", 13, "the right of =~ and !~ must be a quoted regular expression")]
    [InlineData("[BODY] =~ \"([a-z\"", 11, "invalid regular expression")]
    [InlineData("[STATUS] contains 2", 1, "[STATUS] is a number; contains needs text")]
    [InlineData("[STATUS] == 299..200", 13, "the range 299..200 is empty")]
    [InlineData("[STATUS] == 200..", 18, "expected the end of the range after '..'")]
    [InlineData("[BODY] == 1..2", 11, "[BODY] is text; a range holds numbers")]
    [InlineData("200..300 == [STATUS]", 1, "a range belongs on the right of == or !=")]
    [InlineData("[STATUS] > any(200)", 12, "any(...) is only allowed on the right of == or !=")]
    [InlineData("[STATUS] == any(200 201)", 21, "expected ',' or ')' in any(...)")]
    [InlineData("[STATUS] == any(200", 20, "any( is not closed: expected ')'")]
    [InlineData("[STATUS] == any([STATUS])", 17, "the choices of any(...) must be literals or ranges")]
    [InlineData("size([BODY]) > 1", 1, "unknown function 'size' (functions: len, has, any)")]
    [InlineData("len([STATUS]) > 1", 5, "len() measures text, a list or JSON; [STATUS] is a number")]
    [InlineData("len([BODY], [BODY]) > 1", 11, "len() takes one argument")]
    [InlineData("has([BODY])", 5, "has() takes a [BODY] path or a [HEADER:Name]")]
    [InlineData("len > 1", 1, "'len' is a function: write len(...)")]
    [InlineData("[DNS_RCODE] == NOERROR", 1, "[DNS_RCODE] is not observed by https checks")]
    [InlineData("[STATUS] == 192.0.2.1", 13, "is not a number; quote text such as addresses")]
    [InlineData("[STATUS] == null", 1, "[STATUS] is a number and never null")]
    [InlineData("[STATUS] == @", 13, "expected a value, found '@'")]
    public void Reports_the_problem_and_its_column(string text, int column, string problem)
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text, ConditionScope.Https));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(column, error.Column);
        Assert.StartsWith($"column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_expiration_is_not_observed_by_plain_http()
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse("[CERTIFICATE_EXPIRATION] > 72h", ConditionScope.Http));
        Assert.Contains("not observed by http checks (available: [STATUS], [BODY], [HEADER], [RESPONSE_TIME], [CONNECTED])", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a.b[0]", "/a/b/0")]
    [InlineData("a.b", "/a/b")]
    [InlineData("$[\"a/b\"][\"c~d\"]", "/a~1b/c~0d")]
    [InlineData("$", "")]
    public void Json_paths_become_json_pointers(string path, string pointer) =>
        Assert.Equal(pointer, ConditionParser.ParseJsonPath(path).ToString());

    [Fact]
    public void A_bad_json_path_names_its_column()
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.ParseJsonPath("$.a b"));
        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void Subject_is_the_placeholder_on_either_side()
    {
        Assert.Equal(PlaceholderKind.Status, ConditionParser.Parse("[STATUS] == 200", ConditionScope.Http).Subject);
        Assert.Equal(PlaceholderKind.Body, ConditionParser.Parse("len([BODY].items) > 0", ConditionScope.Http).Subject);
        Assert.Equal(PlaceholderKind.ResponseTime, ConditionParser.Parse("300ms > [RESPONSE_TIME]", ConditionScope.Http).Subject);
        Assert.True(ConditionParser.Parse("len([BODY].items) > 0", ConditionScope.Http).Uses(PlaceholderKind.Body));
        Assert.False(ConditionParser.Parse("[STATUS] == 200", ConditionScope.Http).Uses(PlaceholderKind.Body));
    }
}
