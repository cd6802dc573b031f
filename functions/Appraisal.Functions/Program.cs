using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IResult, like the self-host's minimal APIs.
builder.ConfigureFunctionsWebApplication();

builder.Build().Run();
