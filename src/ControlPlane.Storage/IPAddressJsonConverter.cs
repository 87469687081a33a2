using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Storage;

/// <summary>IP addresses as their text form, in stored JSON, grain calls and API responses.</summary>
public sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPAddress.Parse(reader.GetString() ?? throw new JsonException("address is null"));

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
