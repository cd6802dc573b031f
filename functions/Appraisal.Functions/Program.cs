using Appraisal.Functions;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Identity;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IResult, like the self-host's minimal APIs.
builder.ConfigureFunctionsWebApplication();

// The same services the self-host registers: what the activities, HTTP handlers and timers use, and storage set-up.
builder.Services.AddAppraisalWorkflow(builder.Configuration);

// On Azure the caller is the App Service Authentication (Entra ID) principal the platform puts in x-ms-client-principal,
// the person named by the configured claim (section Identity), never by the Entra object id.
builder.Services.AddClientPrincipalCallers(builder.Configuration);

// Application Insights (the worker's integration) and the workflow's own metrics and spans (FunctionsTelemetry).
builder.Services.AddFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
