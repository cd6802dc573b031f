using System.Text.Json;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>One function of functions.metadata: its name and bindings.</summary>
public sealed record PublishedFunction(string Name, IReadOnlyList<PublishedBinding> Bindings)
{
    /// <summary>The function's one trigger (a function with none or several fails the test that asks).</summary>
    public PublishedBinding Trigger => Assert.Single(Bindings, b => b.IsTrigger);

    public static PublishedFunction From(JsonElement function) => new(
        function.GetProperty("name").GetString() ?? "",
        function.GetProperty("bindings").EnumerateArray().Select(PublishedBinding.From).ToList());
}
