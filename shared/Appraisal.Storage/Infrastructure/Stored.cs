using Azure;

namespace Appraisal.Storage.Infrastructure;

/// <summary>A record as stored, with its keys and the ETag that guards its next change.</summary>
public sealed record Stored<T>(string PartitionKey, string RowKey, T Value, ETag ETag);
