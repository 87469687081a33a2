using System.Text.Json;
using Spectre.Console;

namespace ControlPlane.Silo.Cli;

/// <summary>Writes results: Spectre.Console tables on stdout, JSON for <c>--output json</c>, errors on stderr.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Lazy<IAnsiConsole> Out = new(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200; // a pipe or file: do not wrap at the default 80 columns
        }

        return console;
    });

    /// <summary>The console tables are written to.</summary>
    public static IAnsiConsole Terminal => Out.Value;

    /// <summary>A table with these column headers.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    /// <summary>Adds a row of plain (escaped) text cells.</summary>
    public static void Row(Table table, params string?[] cells) => table.AddRow(cells.Select(c => Markup.Escape(c ?? "-")).ToArray());

    public static void Write(Table table)
    {
        Out.Value.Write(table);
        Out.Value.WriteLine();
    }

    public static void Line(string text) => Console.Out.WriteLine(text);

    public static void Json(JsonElement? json) => Console.Out.WriteLine(json is { } j ? JsonSerializer.Serialize(j, Indented) : "null");

    /// <summary>An API answer that is not a success: status and error on stderr, the matching exit code.</summary>
    public static int Fail(ApiClient client, ApiResponse response)
    {
        Console.Error.WriteLine($"{client.Server}: {response.Status} {response.ErrorText()}");
        if (response.Status == 401)
        {
            Console.Error.WriteLine($"  pass a key with --api-key or ${ApiConnection.ApiKeyVariable}");
        }

        return response.ExitCode;
    }

    /// <summary>A failure as <see cref="Fail"/>; a success as the API's JSON for <c>--output json</c>, else through <paramref name="readable"/>.</summary>
    public static int Show(ApiClient client, ApiResponse response, OutputFormat format, Action<JsonElement> readable)
    {
        if (!response.IsSuccess)
        {
            return Fail(client, response);
        }

        if (format == OutputFormat.Json)
        {
            Json(response.Json);
        }
        else
        {
            readable(response.Json!.Value);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The silo could not be reached at all.</summary>
    public static int Unreachable(Uri server, string message)
    {
        Console.Error.WriteLine($"{server}: {message}");
        return ExitCodes.Failed;
    }

    /// <summary>A property as text (strings unquoted, other values as JSON: <c>true</c>, <c>42</c>), or null.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>Whether a property is JSON <c>true</c>.</summary>
    public static bool Flag(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The items of a list answer: the array itself, or the <c>items</c> of a paged answer.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray()
        : element.ValueKind == JsonValueKind.Object && element.TryGetProperty("items", out var items) ? items.EnumerateArray()
        : [];
}
