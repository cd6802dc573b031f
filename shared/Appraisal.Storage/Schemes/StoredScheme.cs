using Appraisal.Domain.Schemes;
using Azure;

namespace Appraisal.Storage.Schemes;

/// <summary>A stored scheme version with its status and the ETag to guard the next write.</summary>
public sealed record StoredScheme(Scheme Scheme, SchemeStatus Status, ETag ETag, DateTimeOffset? DecidedAt, string? DecidedBy);
