using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Http;

/// <summary>One HTTP endpoint: its function name, verb, route (under <c>/api</c>), who may call it (checked by the
/// handler itself, so both hosts enforce it), and the handler the self-host maps; with what the OpenAPI document
/// says of it — a summary, the area it belongs to, the body it takes and the status it answers when all goes well.</summary>
public sealed record EndpointEntry(string Name, string Verb, string Route, AccessRule Access, Delegate Handler)
{
    public string Summary { get; init; } = string.Empty;

    public string Area { get; init; } = "cycles";

    /// <summary>The JSON body's type, when the body is JSON of a request record.</summary>
    public Type? Body { get; init; }

    /// <summary>The body's media type: JSON for a request record or a document, or another (CSV, a file, a form).</summary>
    public string? BodyMediaType { get; init; }

    public int Success { get; init; } = 200;
}
