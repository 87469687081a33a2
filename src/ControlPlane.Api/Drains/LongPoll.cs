using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Api.Drains;

/// <summary>The <c>wait</c> and <c>timeout</c> query parameters of a long poll, validated, and the poll itself.</summary>
/// <param name="Wait">The state to wait for, or null to answer at once.</param>
internal sealed record LongPoll(string? Wait, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Every problem, each naming its parameter; <paramref name="waits"/> are the states <c>wait</c> accepts.</summary>
    public static (LongPoll Poll, List<string> Errors) Parse(IQueryCollection query, IReadOnlyList<string> waits)
    {
        var errors = new List<string>();
        string[] known = ["wait", "timeout"];
        foreach (var key in query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            errors.Add($"{key}: unknown query parameter (known: wait, timeout)");
        }

        var wait = query["wait"].FirstOrDefault();
        if (wait is not null && !waits.Contains(wait, StringComparer.Ordinal))
        {
            errors.Add($"wait: '{wait}' must be one of {string.Join(", ", waits)}");
            wait = null;
        }

        var timeout = DefaultTimeout;
        if (query["timeout"].FirstOrDefault() is { } text)
        {
            if (ParseDuration(text) is { } parsed && parsed > TimeSpan.Zero && parsed <= MaxTimeout)
            {
                timeout = parsed;
            }
            else
            {
                errors.Add($"timeout: '{text}' must be a duration from 1ms to 120s, such as 30s, 500ms or 2m");
            }
        }

        return (new LongPoll(wait, timeout), errors);
    }

    /// <summary>
    /// Reads until <paramref name="reached"/> says the wait is over or the timeout passed; returns the last read.
    /// A read that fails (a grain moving off a dead silo until membership declares it dead) is retried
    /// until the timeout; only when no read succeeded at all is the last error thrown.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> read, Func<T, bool> reached, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var (have, current, error) = await TryReadAsync(read);
        if (Wait is null && error is not null)
        {
            throw error;
        }

        while (Wait is not null && !(have && reached(current!)) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollEvery, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break; // the client went away
            }

            var (ok, value, failure) = await TryReadAsync(read);
            if (ok)
            {
                (have, current) = (true, value);
            }
            else
            {
                error = failure;
            }
        }

        return have ? current! : throw error!;
    }

    private static async Task<(bool Ok, T? Value, Exception? Error)> TryReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return (true, await read(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (false, default, e);
        }
    }

    private static TimeSpan? ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? TimeSpan.FromSeconds(value * unit)
            : null;
    }
}
