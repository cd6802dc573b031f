using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The endpoints of <see cref="EndpointCatalog"/> as the self-host maps them, and the OpenAPI document that
/// describes them (served at <see cref="Path"/>, kept in the repository as <c>docs/openapi.json</c>; a test holds
/// the two together): each operation's summary, the roles that may call it, its body and its answers, every error an
/// RFC 9457 problem.</summary>
public static class ApiDocument
{
    public const string Path = "/" + EndpointCatalog.RoutePrefix + "/openapi/v1.json";

    private const string Bearer = "bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, context, cancel) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Appraisal.Functions API",
                    Version = "v1",
                    Description = "检察机关绩效考核：the HTTP endpoints both hosts serve under /api. Errors are RFC 9457 problem details " +
                        "(Chinese unless Accept-Language prefers English) naming the field, what was expected and what was found.",
                };
                // The document is the same wherever it is served from: no server addresses in it.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = Bearer,
                    BearerFormat = "JWT",
                    Description = "Self-host: an HS256 token ('appraisal token issue'). On Azure: App Service Authentication.",
                };
                return Task.CompletedTask;
            });
            // A stage duration is one string: a time span as before, days (5d) or working days (5wd, 5 个工作日).
            o.AddSchemaTransformer((schema, context, cancel) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(Workflow.Cycle.StageDuration) || type == typeof(Workflow.Cycle.StageDuration?))
                {
                    schema.Type = type == typeof(Workflow.Cycle.StageDuration) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Pattern = @"^(\d+ ?(wd|WD|个工作日|工作日)|\d+(\.\d+)? ?(d|天)|(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?)$";
                    schema.Description = "A stage's duration: " + Workflow.Cycle.StageDuration.Expected
                        + ". Working days count from the next working day after the stage begins and end at 24:00 (the office's time zone) of the last; "
                        + "a deadline a day or more away that falls on a day off moves to 24:00 of the next working day.";
                }

                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancel) =>
            {
                var entry = context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointEntry>().FirstOrDefault();
                if (entry?.Body is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body, null, cancel).ConfigureAwait(false) } },
                    };
                }
                else if (entry?.BodyMediaType is { } media)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { [media] = new() { Schema = new OpenApiSchema { Type = media == "application/json" ? JsonSchemaType.Object : JsonSchemaType.String } } },
                    };
                }

                if (entry is not null && entry.Access.Roles.Count > 0)
                {
                    operation.Description = $"Roles: {string.Join(", ", entry.Access.Roles)} (reach: {entry.Access.Scope})."
                        + (entry.Stages.Count > 0 ? $" Stage: {string.Join(" or ", entry.Stages)} (409 at any other)." : string.Empty);
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
                }
                else if (entry is not null)
                {
                    operation.Description = "No sign-in: the signed, single-use link is the credential.";
                }
            });
        });

    /// <summary>Maps every catalog entry under the group, with what the document says of it, and the document itself.</summary>
    public static void MapCatalog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/" + EndpointCatalog.RoutePrefix);
        foreach (var entry in EndpointCatalog.All)
        {
            var endpoint = api.MapMethods(entry.Route, [entry.Verb], entry.Handler)
                .WithName(entry.Name)
                .WithSummary(entry.Summary)
                .WithTags(entry.Area)
                .WithMetadata(entry);
            // The body is described by the operation transformer, not by Accepts metadata: that would have routing
            // answer other media types with a bare 415 before the handler checks the caller and answers a problem.
            var html = entry.Access == Workflow.Identity.AccessRule.Link || entry.Area == "pages";
            endpoint.Produces(entry.Success, contentType: html ? "text/html" : "application/json");
            foreach (var status in Problems(entry))
            {
                endpoint.ProducesProblem(status);
            }
        }

        app.MapOpenApi(Path.Replace("v1", "{documentName}", StringComparison.Ordinal));
    }

    private static IEnumerable<int> Problems(EndpointEntry entry)
    {
        IEnumerable<int> statuses = entry.Access.Roles.Count > 0 ? [400, 401, 403, 404] : [400, 403, 404, 409, 410];
        if (entry.Verb != "GET" && entry.Access.Roles.Count > 0)
        {
            statuses = statuses.Concat([409, 413, 415, 422]);
        }

        if (entry.Verb == "PUT" || (entry.Route.EndsWith("/submission", StringComparison.Ordinal) && entry.Route.StartsWith("schemes", StringComparison.Ordinal)))
        {
            statuses = statuses.Concat([412, 428]);
        }

        // Storage that does not answer within Storage:RequestTimeout, or fails past its retries: 503 with Retry-After.
        return statuses.Append(503).Distinct().Order();
    }
}
