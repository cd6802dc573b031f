namespace Appraisal.Workflow.Http;

/// <summary>One HTTP endpoint: its function name, verb, route (under <c>/api</c>) and the handler the self-host maps.</summary>
public sealed record EndpointEntry(string Name, string Verb, string Route, Delegate Handler);
