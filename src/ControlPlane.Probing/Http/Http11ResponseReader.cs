using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;

namespace ControlPlane.Probing.Http;

/// <summary>Reads one HTTP/1.1 response (status line, headers, and at most a given number of body bytes) from a stream used for nothing else.</summary>
/// <remarks>
/// Interim 1xx responses are skipped. The body is framed by <c>Transfer-Encoding: chunked</c>, by
/// <c>Content-Length</c>, or by the end of the connection, and is read into memory up to the limit;
/// anything beyond it is left unread (the connection is closed afterwards anyway). Responses to HEAD
/// and 204/304 responses have no body. Malformed input is an <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.InvalidResponse"/>, as <see cref="SocketsHttpHandler"/> reports it.
/// </remarks>
internal sealed class Http11ResponseReader(Stream stream, byte[] buffer)
{
    /// <summary>Status line and headers together may not be longer than this.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private byte[] _buffer = buffer;
    private int _start;
    private int _end;
    private readonly List<(string Name, string Value)> _contentHeaders = [];
    private bool _chunked;
    private long _contentLength = -1;

    public async ValueTask<HttpResponseMessage> ReadAsync(bool headRequest, int maxBodyBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var headerEnd = await FillUntilHeaderEndAsync(cancellationToken);
            var response = ParseHead(_buffer.AsSpan(_start, headerEnd - _start));
            _start = headerEnd;
            if ((int)response.StatusCode is >= 100 and < 200 and not 101)
            {
                response.Dispose();
                continue; // 100 Continue, 103 Early Hints: the real response follows
            }

            var content = new ByteArrayContent(await ReadBodyAsync(response, headRequest, maxBodyBytes, cancellationToken));
            foreach (var (name, value) in _contentHeaders)
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }

            _contentHeaders.Clear();
            response.Content = content;
            return response;
        }
    }

    private HttpResponseMessage ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        if (!statusLine.StartsWith("HTTP/1."u8) || statusLine.Length < 12 || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var used) || used != 3 || status < 100)
        {
            throw Invalid($"invalid status line '{Latin1(statusLine[..Math.Min(statusLine.Length, 40)])}'");
        }

        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Version = statusLine[7] == (byte)'0' ? HttpVersion.Version10 : HttpVersion.Version11,
            ReasonPhrase = statusLine.Length > 13 ? Latin1(statusLine[13..]) : null,
        };
        _chunked = false;
        _contentLength = -1;
        _contentHeaders.Clear();
        var rest = head[(lineEnd + 2)..];
        while (rest.Length > 2)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                response.Dispose();
                throw Invalid($"invalid header line '{Latin1(line[..Math.Min(line.Length, 40)])}'");
            }

            var name = Latin1(line[..colon].TrimEnd((byte)' '));
            var value = Latin1(line[(colon + 1)..].Trim(" \t"u8));
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                _chunked = true;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, out _contentLength) || _contentLength < 0)
                {
                    response.Dispose();
                    throw Invalid($"invalid Content-Length '{value}'");
                }
            }

            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                _contentHeaders.Add((name, value)); // Content-Type, Content-Length...: they belong to the content
            }
        }

        return response;
    }

    private async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, bool headRequest, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (headRequest || status is 204 or 304)
        {
            return [];
        }

        var body = new ArrayBufferWriter<byte>(Math.Min(maxBodyBytes, _contentLength is >= 0 and < int.MaxValue ? Math.Max(1, (int)_contentLength) : 256));
        if (_chunked)
        {
            await ReadChunkedAsync(body, maxBodyBytes, cancellationToken);
        }
        else
        {
            var wanted = _contentLength < 0 ? maxBodyBytes : (int)Math.Min(_contentLength, maxBodyBytes);
            await CopyAsync(body, wanted, cancellationToken);
            if (_contentLength >= 0 && body.WrittenCount < wanted)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, $"connection closed after {body.WrittenCount} of {_contentLength} body bytes");
            }
        }

        return body.WrittenSpan.ToArray();
    }

    private async ValueTask ReadChunkedAsync(ArrayBufferWriter<byte> body, int maxBodyBytes, CancellationToken cancellationToken)
    {
        while (body.WrittenCount < maxBodyBytes)
        {
            var lineEnd = await FillUntilAsync(CrLf, cancellationToken);
            var sizeText = _buffer.AsSpan(_start, lineEnd - _start);
            var semicolon = sizeText.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeText = sizeText[..semicolon];
            }

            if (!Utf8Parser.TryParse(sizeText.Trim((byte)' '), out int size, out var used, 'X') || used != sizeText.Trim((byte)' ').Length || size < 0)
            {
                throw Invalid("invalid chunk size");
            }

            _start = lineEnd + 2;
            if (size == 0)
            {
                return; // trailers are not read: the connection is closed anyway
            }

            var take = Math.Min(size, maxBodyBytes - body.WrittenCount);
            var before = body.WrittenCount;
            await CopyAsync(body, take, cancellationToken);
            if (body.WrittenCount - before < take)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed in the middle of a chunk");
            }

            if (take < size)
            {
                return;
            }

            await FillAsync(2, cancellationToken); // the CRLF after the chunk
            _start += 2;
        }
    }

    /// <summary>Moves <paramref name="count"/> body bytes, or fewer if the stream ends first, into <paramref name="body"/>.</summary>
    private async ValueTask CopyAsync(ArrayBufferWriter<byte> body, int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                var read = await stream.ReadAsync(_buffer, cancellationToken);
                if (read == 0)
                {
                    return; // the end of the stream: the caller decides whether the body is complete
                }

                _end = read;
            }

            var take = Math.Min(count, _end - _start);
            body.Write(_buffer.AsSpan(_start, take));
            _start += take;
            count -= take;
        }
    }

    private ValueTask<int> FillUntilHeaderEndAsync(CancellationToken cancellationToken) =>
        FillUntilAsync(HeaderEnd, cancellationToken, includeDelimiter: true);

    /// <summary>Reads until <paramref name="delimiter"/> is buffered; returns the index where it starts (or ends, when included).</summary>
    private async ValueTask<int> FillUntilAsync(ReadOnlyMemory<byte> delimiter, CancellationToken cancellationToken, bool includeDelimiter = false)
    {
        var offset = 0; // from _start, which ReadMoreAsync may move
        while (true)
        {
            var found = _buffer.AsSpan(_start + offset, _end - _start - offset).IndexOf(delimiter.Span);
            if (found >= 0)
            {
                return _start + offset + found + (includeDelimiter ? delimiter.Length : 0);
            }

            offset = Math.Max(0, _end - _start - delimiter.Length + 1);
            if (!await ReadMoreAsync(cancellationToken))
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed before the response headers were complete");
            }
        }
    }

    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await ReadMoreAsync(cancellationToken))
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed in the middle of the body");
            }
        }
    }

    /// <summary>Appends what the stream has to the buffered bytes, compacting or growing the buffer first; false at the end of the stream.</summary>
    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length >= MaxHeaderBytes)
            {
                throw Invalid($"response headers longer than {MaxHeaderBytes} bytes");
            }
            else
            {
                var larger = new byte[Math.Min(MaxHeaderBytes, _buffer.Length * 2)];
                _buffer.AsSpan(0, _end).CopyTo(larger);
                _buffer = larger;
            }
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static HttpRequestException Invalid(string message) => new(HttpRequestError.InvalidResponse, "invalid HTTP response: " + message);
}
