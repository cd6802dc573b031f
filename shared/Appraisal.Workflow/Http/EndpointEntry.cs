using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Http;

/// <summary>One HTTP endpoint: its function name, verb, route (under <c>/api</c>), who may call it (checked by the
/// handler itself, so both hosts enforce it), and the handler the self-host maps.</summary>
public sealed record EndpointEntry(string Name, string Verb, string Route, AccessRule Access, Delegate Handler);
