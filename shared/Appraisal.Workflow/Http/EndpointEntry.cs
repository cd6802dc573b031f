using Appraisal.Domain.Cycles;
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

    /// <summary>The stages of the cycle named in the route at which the action is taken (none: it is not bound to a
    /// stage); at any other it is refused with 409 and nothing stored or raised. The guard lives in the action's
    /// service; this says it for the access matrix, the OpenAPI document and the test generated from the catalog.</summary>
    public IReadOnlyList<CycleStage> Stages { get; init; } = [];

    /// <summary>What the action's service checks of the records themselves beyond role and reach (whose record, which
    /// person), for the access matrix; empty when nothing more.</summary>
    public string Record { get; init; } = string.Empty;
}
