using Appraisal.Domain.Schemes;
using Azure;

namespace Appraisal.Storage.Schemes;

/// <summary>A stored scheme version with its status, the ETag to guard the next write, and the office it belongs to
/// (none: a ready-made scheme stored by the operator, shared by every office and read-only to them).</summary>
public sealed record StoredScheme(Scheme Scheme, SchemeStatus Status, ETag ETag, DateTimeOffset? DecidedAt, string? DecidedBy, string? OfficeId = null);
