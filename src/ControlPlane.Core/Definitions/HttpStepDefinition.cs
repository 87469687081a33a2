using System.Text.RegularExpressions;
using ControlPlane.Core.Assertions;
using Json.Pointer;

namespace ControlPlane.Core.Definitions;

/// <summary>One request of an HTTP transaction. Steps run in order, share a cookie jar and the variables earlier steps extracted.</summary>
public sealed record HttpStepDefinition
{
    /// <summary>Named in failures: <c>step 'login'</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Default GET.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Path and query, with <c>${var}</c> references. Default <c>/</c>.</summary>
    public TemplateText Path { get; init; } = TemplateText.Literal("/");

    /// <summary>Request headers; values may hold variables and secrets.</summary>
    public IReadOnlyDictionary<string, TemplateText> Headers { get; init; } = new Dictionary<string, TemplateText>();

    /// <summary>Request body; default none.</summary>
    public TemplateText? Body { get; init; }

    /// <summary>This step's own limit; default none (the check's timeout bounds the whole transaction).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Conditions on this step's response. Default <c>[STATUS] == 200..399</c>.</summary>
    public IReadOnlyList<Condition> Assertions { get; init; } = [];

    /// <summary>Values taken from the response for later steps, in order.</summary>
    public IReadOnlyList<HttpExtraction> Extract { get; init; } = [];
}

/// <summary>Where an extracted value comes from.</summary>
public enum ExtractionSource
{
    /// <summary>A JSON Pointer (RFC 6901) into the JSON body: <c>/data/token</c>.</summary>
    JsonPointer,

    /// <summary>A response header's value.</summary>
    Header,

    /// <summary>The first group (or the group named <c>value</c>) of a regular expression over the body.</summary>
    Regex,
}

/// <summary>One variable extracted from a step's response.</summary>
/// <param name="Variable">The name later steps write as <c>${name}</c>.</param>
/// <param name="Source">JSON body, header or regex.</param>
/// <param name="Expression">The pointer, header name or pattern as written.</param>
/// <param name="Pointer">The compiled pointer, for <see cref="ExtractionSource.JsonPointer"/> (also from a <c>$.a.b</c> path).</param>
/// <param name="Pattern">The compiled regex, for <see cref="ExtractionSource.Regex"/>.</param>
public sealed record HttpExtraction(string Variable, ExtractionSource Source, string Expression, JsonPointer? Pointer = null, Regex? Pattern = null);
