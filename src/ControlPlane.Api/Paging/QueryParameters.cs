using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Api.Paging;

/// <summary>
/// Checks a list route's query string: every parameter must be one the route knows, given once, and
/// well formed. Errors name the parameter (<c>limit: 'x' must be ...</c>); the first one is the error's <c>field</c>.
/// </summary>
public sealed class QueryParameters
{
    private readonly IQueryCollection _query;
    private readonly List<(string Field, string Message)> _errors = [];

    public QueryParameters(HttpRequest request, params string[] known)
    {
        _query = request.Query;
        foreach (var (name, values) in _query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                _errors.Add((name, $"{name}: unknown query parameter (this route takes {(known.Length == 0 ? "none" : string.Join(", ", known))})"));
            }
            else if (values.Count > 1)
            {
                _errors.Add((name, $"{name}: given {values.Count} times; give it once"));
            }
        }
    }

    public bool IsValid => _errors.Count == 0;


    public string? Text(string name) => _query[name].FirstOrDefault();

    /// <summary><c>limit</c>, from 1 to <paramref name="max"/>, default <paramref name="fallback"/>.</summary>
    public int Limit(int fallback = 100, int max = 10_000)
    {
        if (Text("limit") is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }

        _errors.Add(("limit", $"limit: '{text}' must be a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}"));
        return fallback;
    }

    /// <summary><c>cursor</c>: the position after which the page starts, or null for the first page.</summary>
    public (DateTimeOffset At, string Id)? Cursor()
    {
        if (Text("cursor") is not { } text)
        {
            return null;
        }

        if (PageCursor.TryDecode(text, out var at, out var id))
        {
            return (at, id);
        }

        _errors.Add(("cursor", $"cursor: '{text}' is not a cursor this API gave out (pass back the 'next' of the previous page)"));
        return null;
    }

    /// <summary>An ISO 8601 time, or null when absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        _errors.Add((name, $"{name}: '{text}' is not an ISO 8601 time"));
        return null;
    }

    /// <summary>One of <paramref name="choices"/>, or null when absent.</summary>
    public string? Choice(string name, params string[] choices)
    {
        var text = Text(name);
        if (text is null || choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        _errors.Add((name, $"{name}: '{text}' must be one of {string.Join(", ", choices)}"));
        return null;
    }

    /// <summary>400 naming every bad parameter.</summary>
    public IResult Problem() => Results.BadRequest(new ApiError("invalid query", _errors.Select(e => e.Message).ToList()) { Field = _errors.FirstOrDefault().Field });
}
