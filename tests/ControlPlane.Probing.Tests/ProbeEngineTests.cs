using System.Net;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Tests;

public sealed class ProbeEngineTests
{
    private static readonly CheckDefinition HttpCheck = new() { Id = "c", Kind = CheckKind.Http };

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("::ffff:169.254.169.254")]
    public async Task Link_local_target_is_refused_without_running_the_check(string address)
    {
        var executor = new RecordingExecutor(CheckKind.Http);
        using var engine = new ProbeEngine([executor], TimeProvider.System, NullLogger());

        var observation = await engine.RunAsync(Target(address), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.StartsWith($"refused to probe link-local address {IPAddress.Parse(address)}", observation.Detail);
        Assert.Equal(0, executor.Runs);
    }

    [Fact]
    public async Task Link_local_target_is_checked_when_allowed()
    {
        var executor = new RecordingExecutor(CheckKind.Http);
        using var engine = new ProbeEngine([executor], TimeProvider.System, NullLogger());

        var observation = await engine.RunAsync(Target("169.254.169.254") with { AllowLinkLocal = true }, CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal(1, executor.Runs);
    }

    [Theory]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("fec0::1")]
    [InlineData("::1")]
    public async Task Addresses_next_to_the_link_local_ranges_are_checked(string address)
    {
        var executor = new RecordingExecutor(CheckKind.Http);
        using var engine = new ProbeEngine([executor], TimeProvider.System, NullLogger());

        var observation = await engine.RunAsync(Target(address), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
    }

    [Fact]
    public async Task Check_kind_without_an_executor_is_an_error()
    {
        using var engine = new ProbeEngine([new RecordingExecutor(CheckKind.Http)], TimeProvider.System, NullLogger());
        var target = Target("127.0.0.1") with { Check = new CheckDefinition { Id = "t", Kind = CheckKind.Tcp } };

        var observation = await engine.RunAsync(target, CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Equal("no executor for check kind Tcp", observation.Detail);
    }

    [Fact]
    public async Task Executor_that_throws_becomes_an_error_observation()
    {
        var executor = new RecordingExecutor(CheckKind.Http) { Throw = new InvalidOperationException("boom.") };
        using var engine = new ProbeEngine([executor], TimeProvider.System, NullLogger());

        var observation = await engine.RunAsync(Target("127.0.0.1"), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Equal("check failed: boom", observation.Detail);
    }

    [Fact]
    public void Two_executors_for_one_kind_are_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            new ProbeEngine([new RecordingExecutor(CheckKind.Http), new RecordingExecutor(CheckKind.Http)], TimeProvider.System, NullLogger()));
    }

    [Fact]
    public void Default_engine_rejects_a_second_executor_for_a_built_in_kind()
    {
        Assert.Throws<ArgumentException>(() => ProbeEngine.CreateDefault(additionalExecutors: [new RecordingExecutor(CheckKind.Tcp)]));
    }

    [Fact]
    public async Task Header_values_never_reach_the_logs()
    {
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        using var engine = ProbeEngine.CreateDefault(loggerFactory: factory);
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(500));
        var http = new HttpCheckDefinition
        {
            Headers = new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer top-secret-token",
                ["Content-Type"] = "text/top-secret-type",
            },
        };

        var observation = await engine.RunAsync(Probes.Http(target, http), CancellationToken.None);

        Assert.Equal(ObservationOutcome.UnexpectedStatus, observation.Outcome);
        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("top-secret", StringComparison.Ordinal));
        Assert.DoesNotContain("top-secret", observation.Detail, StringComparison.Ordinal);
    }

    private static ProbeTarget Target(string address) =>
        new("ep-1", "eu-central", IPAddress.Parse(address), 80, null, HttpCheck);

    private static ILogger<ProbeEngine> NullLogger() => Microsoft.Extensions.Logging.Abstractions.NullLogger<ProbeEngine>.Instance;

    private sealed class RecordingExecutor(CheckKind kind) : ICheckExecutor
    {
        public int Runs;

        public Exception? Throw { get; init; }

        public CheckKind Kind => kind;

        public ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Runs);
            return Throw is null
                ? ValueTask.FromResult(new CheckResult(ObservationOutcome.Success, "ok"))
                : ValueTask.FromException<CheckResult>(Throw);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : "";
                messages.Enqueue($"{formatter(state, exception)} | {properties} | {exception}");
            }
        }
    }
}
