using System.Text.Json;
using Appraisal.Functions.Tests.Metadata;

namespace Appraisal.Functions.Tests.Infra;

/// <summary>The ARM JSON the build compiles every infra/*.bicep file into (infra/Appraisal.Infra.csproj, under
/// infra/obj/bicep/): what Azure is given, so what the tests read.</summary>
public static class CompiledBicep
{
    public static JsonElement Template(string relative)
    {
        var path = Repository.PathOf(Path.Combine("infra", "obj", "bicep", relative));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"expected the compiled template {path}: build infra/Appraisal.Infra.csproj (the solution build does)");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>A template's resources, whether listed (language version 1) or keyed by symbolic name (2.0).</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    public static IEnumerable<JsonElement> OfType(JsonElement template, string type) =>
        Resources(template).Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));
}
