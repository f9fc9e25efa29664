using System.Buffers;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// Reads each response body inside the resilience pipeline, so the attempt and total timeouts cover
/// the body as well as the headers, with a cap on its bytes and a deadline of its own: a huge body
/// stops at the cap (or at once when its declared length is over it), a trickling one fails as a
/// transient error (retried, counted by the circuit breaker) instead of pinning the caller for good.
/// </summary>
public sealed class BoundedResponseHandler(string api, Func<ResponseLimitOptions> limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            var limit = limits();
            var declared = response.Content.Headers.ContentLength;
            if (declared > limit.MaxResponseBytes)
            {
                throw new ResponseTooLargeException(api, limit.MaxResponseBytes, declared);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit.BodyTimeout);
            using var buffer = new MemoryStream((int)Math.Min(declared ?? 64 * 1024, limit.MaxResponseBytes));
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                int read;
                while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
                {
                    if (buffer.Length + read > limit.MaxResponseBytes)
                    {
                        throw new ResponseTooLargeException(api, limit.MaxResponseBytes, null);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException(
                    $"{api}: the response body did not arrive within {limit.BodyTimeoutSeconds:0.#} s "
                        + $"({buffer.Length:N0} bytes read; Betting:Apis:{api}:BodyTimeoutSeconds)",
                    new TimeoutException(e.Message, e)
                );
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            var content = new ByteArrayContent(buffer.ToArray());
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Headers.ContentLength = buffer.Length;
            response.Content.Dispose();
            response.Content = content;
            return response;
        }
        catch
        {
            response.Dispose(); // closes the connection: the rest of the body is never read
            throw;
        }
    }
}
