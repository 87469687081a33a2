using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Tests.Assertions;

public sealed class ConditionEvaluationTests
{
    private const string Json = """
        {"status":"UP","count":3,"ratio":0.5,"ok":true,"none":null,"code":"200",
         "items":[{"id":42,"name":"a"},{"id":7}],"tags":["x","y"],"nested":{"a/b":1,"k":"v"}}
        """;

    private static ConditionInputs Inputs(string? body = Json) => new()
    {
        Status = 200,
        Body = body,
        Header = name => name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? "application/json; charset=utf-8" : null,
        ResponseTime = TimeSpan.FromMilliseconds(120),
        CertificateExpiration = TimeSpan.FromDays(10),
        Connected = true,
        TlsVersion = "1.3",
        DnsRcode = "NOERROR",
        DnsAnswers = ["192.0.2.1", "192.0.2.2"],
        DnsTtl = TimeSpan.FromSeconds(300),
        GrpcStatus = "SERVING",
    };

    private static ConditionResult Run(string text, ConditionInputs? inputs = null)
    {
        using var owned = inputs ?? Inputs();
        return ConditionParser.Parse(text, ConditionScope.Any).Evaluate(owned);
    }

    [Theory]
    [InlineData("[STATUS] == 200")]
    [InlineData("[STATUS] != 201")]
    [InlineData("[STATUS] == 200..299")]
    [InlineData("[STATUS] != 300..399")]
    [InlineData("[STATUS] == any(204, 200..201)")]
    [InlineData("[STATUS] != any(500, 502)")]
    [InlineData("[STATUS] < 300")]
    [InlineData("[STATUS] <= 200")]
    [InlineData("[STATUS] > 199")]
    [InlineData("[STATUS] >= 200")]
    [InlineData("[BODY].status == \"UP\"")]
    [InlineData("[BODY].status == UP")]
    [InlineData("[BODY].status != DOWN")]
    [InlineData("[BODY].count == 3")]
    [InlineData("[BODY].count > 2.5")]
    [InlineData("[BODY].ratio < 1")]
    [InlineData("[BODY].code == 200")]
    [InlineData("[BODY].code >= 200")]
    [InlineData("[BODY].ok == true")]
    [InlineData("[BODY].ok")]
    [InlineData("[BODY].none == null")]
    [InlineData("[BODY].status != null")]
    [InlineData("[BODY].items[0].id == 42")]
    [InlineData("[BODY].items[1].id == any(6..8)")]
    [InlineData("[BODY].nested[\"a/b\"] == 1")]
    [InlineData("[BODY][\"status\"] == 'UP'")]
    [InlineData("len([BODY].items) == 2")]
    [InlineData("len([BODY].items) > 0")]
    [InlineData("len([BODY].status) == 2")]
    [InlineData("len([BODY].nested) == 2")]
    [InlineData("len([DNS_ANSWERS]) == 2")]
    [InlineData("has([BODY].items[1].id)")]
    [InlineData("has([HEADER:content-type])")]
    [InlineData("[BODY].tags contains x")]
    [InlineData("[BODY].tags !contains z")]
    [InlineData("[BODY].items[0].name contains \"a\"")]
    [InlineData("[BODY].nested contains k")]
    [InlineData("[BODY] contains \"\\\"status\\\":\\\"UP\\\"\"")]
    [InlineData("[BODY] !contains DOWN")]
    [InlineData("[BODY] =~ '\"count\":\\s*3'")]
    [InlineData("[BODY] !~ \"DOWN\"")]
    [InlineData("[BODY].count =~ \"^3$\"")]
    [InlineData("[HEADER:Content-Type] =~ \"^application/json\"")]
    [InlineData("[HEADER:Content-Type] contains json")]
    [InlineData("[RESPONSE_TIME] < 300ms")]
    [InlineData("[RESPONSE_TIME] <= 120ms")]
    [InlineData("[RESPONSE_TIME] > 0.1s")]
    [InlineData("[RESPONSE_TIME] == 120ms")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 72h")]
    [InlineData("[CERTIFICATE_EXPIRATION] >= 10d")]
    [InlineData("[CERTIFICATE_EXPIRATION] < 11d")]
    [InlineData("[CONNECTED]")]
    [InlineData("[CONNECTED] == true")]
    [InlineData("[TLS_VERSION] == \"1.3\"")]
    [InlineData("[DNS_RCODE] == NOERROR")]
    [InlineData("[DNS_ANSWERS] contains \"192.0.2.2\"")]
    [InlineData("[DNS_ANSWERS] !contains \"192.0.2.3\"")]
    [InlineData("[DNS_TTL] >= 30s")]
    [InlineData("[DNS_TTL] <= 1h")]
    [InlineData("[GRPC_STATUS] == SERVING")]
    [InlineData("300ms > [RESPONSE_TIME]")]
    public void Passes(string condition)
    {
        var result = Run(condition);
        Assert.True(result.Passed, result.Failure);
        Assert.Null(result.Failure);
    }

    [Theory]
    [InlineData("[STATUS] == 201", "[STATUS] == 201 failed: [STATUS] is 200")]
    [InlineData("[STATUS] != 200", "[STATUS] != 200 failed: [STATUS] is 200")]
    [InlineData("[STATUS] == 300..399", "[STATUS] == 300..399 failed: [STATUS] is 200")]
    [InlineData("[STATUS] == any(201, 204)", "[STATUS] == any(201, 204) failed: [STATUS] is 200")]
    [InlineData("[STATUS] > 200", "[STATUS] > 200 failed: [STATUS] is 200")]
    [InlineData("[BODY].status == \"DOWN\"", "[BODY].status == \"DOWN\" failed: [BODY].status is \"UP\"")]
    [InlineData("[BODY].missing == 1", "[BODY].missing == 1 failed: [BODY].missing is missing (no such field in the body)")]
    [InlineData("[BODY].missing != 1", "[BODY].missing != 1 failed: [BODY].missing is missing (no such field in the body)")]
    [InlineData("[BODY].items[5].id == 1", "[BODY].items[5].id == 1 failed: [BODY].items[5].id is missing (no such field in the body)")]
    [InlineData("[BODY].status > 1", "[BODY].status > 1 failed: [BODY].status is \"UP\"")]
    [InlineData("len([BODY].items) > 2", "len([BODY].items) > 2 failed: len([BODY].items) is 2")]
    [InlineData("len([BODY].count) > 2", "len([BODY].count) > 2 failed: len([BODY].count) is missing (3 has no length)")]
    [InlineData("has([BODY].token)", "has([BODY].token) failed: has([BODY].token) is false")]
    [InlineData("[BODY].ok == false", "[BODY].ok == false failed: [BODY].ok is true")]
    [InlineData("[BODY].tags contains z", "[BODY].tags contains z failed: [BODY].tags is [\"x\",\"y\"]")]
    [InlineData("[BODY].status =~ \"^DOWN\"", "[BODY].status =~ \"^DOWN\" failed: [BODY].status is \"UP\"")]
    [InlineData("[BODY] =~ \"^DOWN\"", "[BODY] =~ \"^DOWN\" failed: [BODY] is \"{\"status\":\"UP\",\"count\":3,\"ratio\":0.5,\"ok\":true,\"none\":null,\"...\"")]
    [InlineData("[HEADER:X-Missing] == a", "[HEADER:X-Missing] == a failed: [HEADER:X-Missing] is missing (no header 'X-Missing' in the response)")]
    [InlineData("[RESPONSE_TIME] < 100ms", "[RESPONSE_TIME] < 100ms failed: [RESPONSE_TIME] is 120ms")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 30d", "[CERTIFICATE_EXPIRATION] > 30d failed: [CERTIFICATE_EXPIRATION] is 10d")]
    [InlineData("[DNS_ANSWERS] contains \"192.0.2.9\"", "[DNS_ANSWERS] contains \"192.0.2.9\" failed: [DNS_ANSWERS] is [\"192.0.2.1\", \"192.0.2.2\"]")]
    [InlineData("[DNS_TTL] < 1m", "[DNS_TTL] < 1m failed: [DNS_TTL] is 5m")]
    public void Fails_naming_the_condition_and_the_observed_value(string condition, string failure)
    {
        var result = Run(condition);
        Assert.False(result.Passed);
        Assert.Equal(failure, result.Failure);
    }

    [Fact]
    public void A_body_that_is_not_json_makes_paths_missing_but_text_conditions_work()
    {
        var result = Run("[BODY].status == UP", Inputs("plain ok"));
        Assert.False(result.Passed);
        Assert.StartsWith("[BODY].status == UP failed: [BODY].status is missing (the body is not JSON (", result.Failure, StringComparison.Ordinal);
        Assert.True(Run("[BODY] contains ok", Inputs("plain ok")).Passed);
    }

    [Fact]
    public void Values_never_observed_fail_as_missing()
    {
        using var empty = new ConditionInputs();
        var result = ConditionParser.Parse("[STATUS] == 200", ConditionScope.Any).Evaluate(empty);
        Assert.Equal("[STATUS] == 200 failed: [STATUS] is missing (not observed)", result.Failure);
        Assert.Equal("[CERTIFICATE_EXPIRATION] > 1d failed: [CERTIFICATE_EXPIRATION] is missing (no certificate was seen)",
            ConditionParser.Parse("[CERTIFICATE_EXPIRATION] > 1d", ConditionScope.Any).Evaluate(empty).Failure);
        Assert.Equal("[BODY] contains x failed: [BODY] is missing (no body was read)",
            ConditionParser.Parse("[BODY] contains x", ConditionScope.Any).Evaluate(empty).Failure);
    }

    [Fact]
    public void An_expired_certificate_has_negative_time_left()
    {
        using var inputs = new ConditionInputs { CertificateExpiration = TimeSpan.FromHours(-5) };
        var result = ConditionParser.Parse("[CERTIFICATE_EXPIRATION] > 0s", ConditionScope.Any).Evaluate(inputs);
        Assert.Equal("[CERTIFICATE_EXPIRATION] > 0s failed: [CERTIFICATE_EXPIRATION] is -5h", result.Failure);
    }

    [Fact]
    public void A_regex_that_runs_too_long_fails_instead_of_stalling()
    {
        using var inputs = new ConditionInputs { Body = new string('a', 5000) + "!" };
        var result = ConditionParser.Parse("[BODY] =~ \"^(a+)+$\"", ConditionScope.Any).Evaluate(inputs);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Legacy_http_fields_translate_to_conditions_with_the_same_verdicts()
    {
        var http = new HttpCheckDefinition
        {
            Tls = true,
            ExpectedStatus = [new StatusRange(200, 299), new StatusRange(304, 304)],
            BodyContains = "say \"hi\"",
            BodyRegex = "^\\{",
            MaxLatency = TimeSpan.FromMilliseconds(500),
            CertificateMinDaysValid = 7,
        };
        var conditions = LegacyHttpConditions.For(http);
        Assert.Equal(
            ["[CERTIFICATE_EXPIRATION] >= 7d", "[STATUS] == any(200..299, 304)", "[BODY] contains \"say \\\"hi\\\"\"", "[BODY] =~ \"^\\\\{\"", "[RESPONSE_TIME] <= 500ms"],
            conditions.Select(c => c.Text));

        using var good = new ConditionInputs { Status = 304, Body = "{ say \"hi\" }", ResponseTime = TimeSpan.FromMilliseconds(10), CertificateExpiration = TimeSpan.FromDays(8) };
        Assert.All(conditions, c => Assert.True(c.Evaluate(good).Passed, c.Text));
        using var bad = new ConditionInputs { Status = 305, Body = "say hi", ResponseTime = TimeSpan.FromSeconds(1), CertificateExpiration = TimeSpan.FromDays(6) };
        Assert.All(conditions, c => Assert.False(c.Evaluate(bad).Passed, c.Text));
    }
}
