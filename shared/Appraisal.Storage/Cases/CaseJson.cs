using System.Text.Json.Serialization;

namespace Appraisal.Storage.Cases;

/// <summary>Serialisation of case blobs generated at build time: a large office's year is tens of thousands of cases,
/// read on every scoring, preview and bulletin.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<StoredCase>))]
[JsonSerializable(typeof(CaseManifest))]
internal sealed partial class CaseJson : JsonSerializerContext;
