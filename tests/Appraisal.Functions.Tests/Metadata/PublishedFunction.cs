using System.Text.Json;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>One function of functions.metadata: its name, bindings and retry policy (the host's, when it has one).</summary>
public sealed record PublishedFunction(string Name, IReadOnlyList<PublishedBinding> Bindings, JsonElement? Retry = null)
{
    /// <summary>The function's one trigger (a function with none or several fails the test that asks).</summary>
    public PublishedBinding Trigger => Assert.Single(Bindings, b => b.IsTrigger);

    public static PublishedFunction From(JsonElement function) => new(
        function.GetProperty("name").GetString() ?? "",
        function.GetProperty("bindings").EnumerateArray().Select(PublishedBinding.From).ToList(),
        function.TryGetProperty("retry", out var retry) && retry.ValueKind == JsonValueKind.Object ? retry.Clone() : null);
}
