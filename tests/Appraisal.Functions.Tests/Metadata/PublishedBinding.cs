using System.Text.Json;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>One binding of a function in functions.metadata; the fields the tests compare.</summary>
public sealed record PublishedBinding(string Type, string Direction, string? Route, IReadOnlyList<string> Methods, string? Schedule, string? AuthLevel = null)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.Ordinal);

    public static PublishedBinding From(JsonElement binding) => new(
        Text(binding, "type") ?? "",
        Text(binding, "direction") ?? "",
        Text(binding, "route"),
        binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString() ?? "").ToList() : [],
        Text(binding, "schedule"),
        Text(binding, "authLevel"));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
