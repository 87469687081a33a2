using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Storage;

/// <summary>The JSON form every store uses for decisions, DNS changes and observations, so backends agree byte for byte.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"stored {typeof(T).Name} is null");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new IPAddressJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
