using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The durable sidecar's key: 32 random bytes made when the host starts and never written anywhere, sent by
/// the host's own worker and client in a header of every call, and checked (in constant time) by the sidecar.</summary>
public sealed class SidecarKey
{
    public const string Header = "x-appraisal-sidecar-key";

    private readonly byte[] _value;

    private SidecarKey(byte[] value) => _value = value;

    public static SidecarKey New() => new(RandomNumberGenerator.GetBytes(32));

    private string Text => Convert.ToBase64String(_value);

    /// <summary>A handler that adds the key to every request sent through <paramref name="inner"/>.</summary>
    public DelegatingHandler Sending(HttpMessageHandler inner) => new Sender(this) { InnerHandler = inner };

    public bool Matches(string? presented) =>
        presented is { Length: > 0 and <= 128 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Text));

    private sealed class Sender(SidecarKey key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(Header, key.Text);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The sidecar's check: a call without the key is answered <c>Unauthenticated</c> before any work.</summary>
    public sealed class Check(SidecarKey key) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            Require(context);
            return continuation(request, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Require(context);
            return continuation(request, responseStream, context);
        }

        public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Require(context);
            return continuation(requestStream, context);
        }

        public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Require(context);
            return continuation(requestStream, responseStream, context);
        }

        private void Require(ServerCallContext context)
        {
            if (!key.Matches(context.RequestHeaders.GetValue(Header)))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "expected the host's sidecar key"));
            }
        }
    }
}
