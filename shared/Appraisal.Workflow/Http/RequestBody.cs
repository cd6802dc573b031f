using System.Text;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>Reads request bodies within a size limit.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body up to the limit; null when it is larger. Content-Length is not trusted alone:
    /// chunked requests have none.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray().AsMemory();
        // A UTF-8 byte order mark is not part of the document.
        return bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
    }
}
