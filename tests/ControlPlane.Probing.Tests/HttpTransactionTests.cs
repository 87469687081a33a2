using System.Collections.Concurrent;
using System.Text.Json;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Tests;

public sealed class HttpTransactionTests : IDisposable
{
    private const string PasswordVariable = "CP_TEST_PROBE_PASSWORD";
    private const string Password = "s3cret-pw-7781";

    private readonly RecordingLoggerProvider _logs = new();
    private readonly ProbeEngine _engine;

    public HttpTransactionTests()
    {
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        _engine = ProbeEngine.CreateDefault(loggerFactory: LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>A shop: POST /login checks the password and sets a session cookie; GET /orders/{id} needs the cookie and the token.</summary>
    private static async Task Shop(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/login" && request.Method == "POST")
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (!body.Contains(Password, StringComparison.Ordinal))
            {
                context.Response.StatusCode = 401;
                return;
            }

            context.Response.Headers.SetCookie = "session=abc123; Path=/";
            context.Response.Headers["X-Request-Id"] = "req-9";
            await context.Response.WriteAsJsonAsync(new { token = "t-123", orderId = 42, echo = body });
            return;
        }

        if (request.Path == "/orders/42")
        {
            var authorized = request.Headers.Authorization == "Bearer t-123" && request.Cookies["session"] == "abc123";
            context.Response.StatusCode = authorized ? 200 : 401;
            await context.Response.WriteAsJsonAsync(new { items = authorized ? new[] { new { id = 42 } } : [] });
            return;
        }

        if (request.Path == "/old")
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/orders-page";
            return;
        }

        if (request.Path == "/away")
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://elsewhere.example.test/";
            return;
        }

        context.Response.StatusCode = request.Path == "/orders-page" ? 200 : 404;
    }

    private static CheckDefinition Transaction(params HttpStepDefinition[] steps) => new()
    {
        Id = "shop",
        Kind = CheckKind.Http,
        Http = new HttpCheckDefinition { Steps = steps },
    };

    private static HttpStepDefinition Login(params string[] assertions) => new()
    {
        Name = "login",
        Method = "POST",
        Path = Checks.Template("/login"),
        Headers = new Dictionary<string, TemplateText> { ["Content-Type"] = Checks.Template("application/json") },
        Body = Checks.Template($"{{\"user\":\"probe\",\"password\":\"${{env:{PasswordVariable}}}\"}}"),
        Assertions = Checks.Conditions(ConditionScope.Http, ["[STATUS] == 200", .. assertions]),
        Extract =
        [
            new HttpExtraction("token", ExtractionSource.JsonPointer, "/token", Json.Pointer.JsonPointer.Parse("/token")),
            new HttpExtraction("orderId", ExtractionSource.JsonPointer, "$.orderId", ConditionParser.ParseJsonPath("$.orderId")),
            new HttpExtraction("requestId", ExtractionSource.Header, "X-Request-Id"),
        ],
    };

    private static HttpStepDefinition Order(params string[] assertions) => new()
    {
        Name = "order",
        Path = Checks.Template("/orders/${orderId}"),
        Headers = new Dictionary<string, TemplateText> { ["Authorization"] = Checks.Template("Bearer ${token}") },
        Assertions = Checks.Conditions(ConditionScope.Http, assertions),
    };

    [Fact]
    public async Task Steps_share_cookies_and_extracted_values_and_report_each_step()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);

        var observation = await _engine.RunAsync(
            Checks.For(target, Transaction(Login(), Order("[STATUS] == 200", "len([BODY].items) > 0", "[BODY].items[0].id == 42"))), CancellationToken.None);

        Assert.True(observation.IsSuccess, observation.Detail);
        Assert.Matches(@"^2 steps passed in \d+ ms$", observation.Detail);
        Assert.Equal(["login", "order"], observation.Evidence!.Select(e => e.Name));
        Assert.All(observation.Evidence!, e => Assert.Equal(ObservationOutcome.Success, e.Outcome));
        Assert.NotNull(observation.Phases!.Connect);
        Assert.NotNull(observation.Phases.FirstByte);
        Assert.Null(observation.Phases.Tls);
        Assert.Equal(200, observation.StatusCode);
    }

    [Fact]
    public async Task A_failed_step_names_the_step_and_the_condition()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);

        var observation = await _engine.RunAsync(
            Checks.For(target, Transaction(Login(), Order("[BODY].items[0].id == 7"))), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Equal("step 'order' (2 of 2): [BODY].items[0].id == 7 failed: [BODY].items[0].id is 42", observation.Detail);
        Assert.Equal([ObservationOutcome.Success, ObservationOutcome.BodyMismatch], observation.Evidence!.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Without_the_cookie_jar_the_second_step_would_be_refused()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);
        var order = Order() with { Path = Checks.Template("/orders/42") };

        var observation = await _engine.RunAsync(Checks.For(target, Transaction(order)), CancellationToken.None);

        Assert.Equal(ObservationOutcome.UnexpectedStatus, observation.Outcome);
        Assert.Equal("step 'order' (1 of 1): [STATUS] == 200..399 failed: [STATUS] is 401", observation.Detail);
    }

    [Fact]
    public async Task Secrets_reach_the_target_but_never_details_logs_or_the_stored_observation()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);

        // The server echoes the request body (with the password); a failing condition quotes the echoed value.
        var observation = await _engine.RunAsync(
            Checks.For(target, Transaction(Login("[BODY].echo == \"nothing\""))), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Contains("***", observation.Detail, StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(observation, Storage.StoreJson.Options);
        Assert.DoesNotContain(Password, json, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_secret_fails_the_check_naming_only_the_reference()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);
        var login = Login() with { Body = Checks.Template("${env:CP_TEST_NOT_SET_ANYWHERE}") };

        var observation = await _engine.RunAsync(Checks.For(target, Transaction(login)), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Equal("step 'login' (1 of 1): secret env:CP_TEST_NOT_SET_ANYWHERE is not set on this silo", observation.Detail);
        Assert.Empty(target.HostHeaders);
    }

    [Fact]
    public async Task Redirects_are_not_followed_unless_allowed_and_then_only_on_the_same_host()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", Shop);
        CheckDefinition Single(string path, bool follow) => new()
        {
            Id = "r",
            Kind = CheckKind.Http,
            Http = new HttpCheckDefinition { Path = path, FollowRedirects = follow },
            Assertions = Checks.Conditions(ConditionScope.Http, "[STATUS] == 200"),
        };

        var notFollowed = await _engine.RunAsync(Checks.For(target, Single("/old", follow: false)), CancellationToken.None);
        var followed = await _engine.RunAsync(Checks.For(target, Single("/old", follow: true)), CancellationToken.None);
        var elsewhere = await _engine.RunAsync(Checks.For(target, Single("/away", follow: true)), CancellationToken.None);

        Assert.Equal("[STATUS] == 200 failed: [STATUS] is 302", notFollowed.Detail);
        Assert.True(followed.IsSuccess, followed.Detail);
        Assert.Equal(ObservationOutcome.Error, elsewhere.Outcome);
        Assert.Equal("redirect to http://elsewhere.example.test refused: only same-host redirects are followed", elsewhere.Detail);
    }

    [Fact]
    public async Task Shorthand_fields_and_conditions_combine_on_a_single_request()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "{\"status\":\"UP\"}"));
        var check = new CheckDefinition
        {
            Id = "single",
            Kind = CheckKind.Http,
            Http = new HttpCheckDefinition { BodyContains = "status" },
            Assertions = Checks.Conditions(ConditionScope.Http, "[BODY].status == \"DOWN\""),
        };

        var observation = await _engine.RunAsync(Checks.For(target, check), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Equal("[BODY].status == \"DOWN\" failed: [BODY].status is \"UP\"", observation.Detail);
        Assert.Null(observation.Evidence);
    }

    [Fact]
    public async Task The_direct_path_reports_connect_and_first_byte_phases()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "ok"));

        var observation = await _engine.RunAsync(Probes.Http(target), CancellationToken.None);

        Assert.True(observation.IsSuccess);
        Assert.NotNull(observation.Phases!.Connect);
        Assert.NotNull(observation.Phases.FirstByte);
        Assert.Equal(observation.Duration, observation.Phases.Total);
        Assert.Equal(["connect", "first_byte", "total"], observation.Phases.Present().Select(p => p.Phase));
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(Messages);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}
