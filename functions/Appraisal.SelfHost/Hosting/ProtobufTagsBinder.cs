using DurableTask.AzureStorage;

namespace Appraisal.SelfHost.Hosting;

/// <summary>Lets the Azure Storage provider read the messages the gRPC sidecar writes. The sidecar hands a
/// sub-orchestration's tags over as a protobuf <c>MapField&lt;string,string&gt;</c>; the provider serializes messages
/// with type names and could not load that type back, so sub-orchestrations never started. Tags are written — and
/// read, for messages already queued — as a plain <c>Dictionary&lt;string,string&gt;</c>, which is what they are.</summary>
internal sealed class ProtobufTagsBinder : ICustomTypeBinder
{
    private const string MapField = "Google.Protobuf.Collections.MapField`2";

    public void BindToName(Type serializedType, out string assemblyName, out string typeName)
    {
        ArgumentNullException.ThrowIfNull(serializedType);
        assemblyName = null!;
        typeName = serializedType.IsGenericType && serializedType.GetGenericTypeDefinition().FullName == MapField
            ? typeof(Dictionary<string, string>).FullName!
            : serializedType.FullName!;
    }

    public Type BindToType(string assemblyName, string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        return typeName.StartsWith(MapField, StringComparison.Ordinal) ? typeof(Dictionary<string, string>) : Type.GetType(typeName, throwOnError: true)!;
    }
}
