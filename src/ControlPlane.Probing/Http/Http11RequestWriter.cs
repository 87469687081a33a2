using System.Buffers;
using System.Globalization;
using System.Text;

namespace ControlPlane.Probing.Http;

/// <summary>Serialises an <see cref="HttpRequestMessage"/> as one HTTP/1.1 request with <c>Connection: close</c>.</summary>
/// <remarks>
/// Headers are written as they were added (<see cref="System.Net.Http.Headers.HttpHeaders.NonValidated"/>,
/// nothing is parsed); a body is sent with <c>Content-Length</c>. Header names and values must be
/// ASCII without control characters, as <see cref="SocketsHttpHandler"/> requires, so a header
/// value can never inject a line.
/// </remarks>
internal static class Http11RequestWriter
{
    public static async ValueTask WriteAsync(HttpRequestMessage request, ArrayBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var body = request.Content is { } content ? await content.ReadAsByteArrayAsync(cancellationToken) : null;
        Ascii(output, request.Method.Method);
        Ascii(output, " ");
        Ascii(output, request.RequestUri!.PathAndQuery);
        Ascii(output, " HTTP/1.1\r\n");
        foreach (var header in request.Headers.NonValidated)
        {
            if (!header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                Header(output, header.Key, header.Value);
            }
        }

        if (request.Content is { } withHeaders)
        {
            foreach (var header in withHeaders.Headers.NonValidated)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Header(output, header.Key, header.Value);
                }
            }
        }

        if (body is not null)
        {
            Ascii(output, "Content-Length: ");
            Ascii(output, body.Length.ToString(CultureInfo.InvariantCulture));
            Ascii(output, "\r\n");
        }

        Ascii(output, "Connection: close\r\n\r\n");
        if (body is not null)
        {
            output.Write(body);
        }
    }

    private static void Header(ArrayBufferWriter<byte> output, string name, System.Net.Http.Headers.HeaderStringValues values)
    {
        Checked(name, name);
        Ascii(output, name);
        Ascii(output, ": ");
        var first = true;
        foreach (var value in values)
        {
            Checked(name, value);
            if (!first)
            {
                Ascii(output, ", ");
            }

            Ascii(output, value);
            first = false;
        }

        Ascii(output, "\r\n");
    }

    private static void Checked(string name, string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' and not '\t' or > '~')
            {
                throw new HttpRequestException(HttpRequestError.Unknown, $"header '{name}' contains a character other than printable ASCII");
            }
        }
    }

    private static void Ascii(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
