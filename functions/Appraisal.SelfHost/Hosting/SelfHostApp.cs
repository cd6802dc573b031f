using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Mail;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The self-host: the Durable Task sidecar over Azure Storage (Azurite by default), the portable worker
/// running every orchestrator and activity of <see cref="WorkflowCatalog"/>, the HTTP endpoints of
/// <see cref="EndpointCatalog"/> on loopback, and the calendar's CRON schedules. Killed at any point, it resumes
/// where it stopped: the state is in storage, not in the process.</summary>
public sealed class SelfHostApp : IAsyncDisposable
{
    private readonly DurableSidecar _sidecar;
    private readonly GrpcChannel _channel;

    private SelfHostApp(WebApplication app, DurableSidecar sidecar, GrpcChannel channel)
    {
        App = app;
        _sidecar = sidecar;
        _channel = channel;
    }

    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:DurableTask"] = "Warning",
        ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
    };

    public WebApplication App { get; }

    public DurableTaskClient Client => App.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The durable sidecar's loopback address (its calls need the host's key: <see cref="DurableSidecar.Channel"/>).</summary>
    internal Uri SidecarAddress => _sidecar.Address;

    /// <summary>Builds and starts the host. <paramref name="configure"/> may add configuration (tests set storage and urls);
    /// <paramref name="demo"/>, given by <c>appraisal demo</c> only, offers the sign-in as anyone of the demo's office.</summary>
    public static async Task<SelfHostApp> StartAsync(string[] args, Action<IConfigurationBuilder>? configure = null, CancellationToken cancel = default, DemoSignIn? demo = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Quiet defaults that configuration (Logging__LogLevel__..., appsettings) overrides.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });
        configure?.Invoke(builder.Configuration);
        var options = builder.Configuration.GetSection(SelfHostOptions.Section).Get<SelfHostOptions>() ?? new SelfHostOptions();
        builder.Services.AddOptions<SelfHostOptions>().Bind(builder.Configuration.GetSection(SelfHostOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddAppraisalWorkflow(builder.Configuration);
        builder.Services.AddSelfHostIdentity(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        builder.Services.AddApiDocument();
        builder.Services.AddSingleton(new SignInPage(SignInEndpoints.Path, SignInEndpoints.SignOutPath));
        var signIn = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        if (signIn.Directory == DirectoryKind.Oidc)
        {
            builder.Services.AddOidcSignIn(signIn);
        }

        if (demo is not null)
        {
            builder.Services.AddSingleton(demo);
        }

        // The sidecar needs the storage options before the host is built: resolve them the way the host will.
        using var bootstrap = new ServiceCollection().AddLogging().AddAppraisalWorkflow(builder.Configuration).BuildServiceProvider();
        // A refused setting (mail in clear, say) stops the start here, naming the setting, before the sidecar runs.
        bootstrap.GetRequiredService<IStartupValidator>().Validate();
        var storage = bootstrap.GetRequiredService<IOptions<StorageOptions>>().Value;
        var loggers = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        var sidecar = await DurableSidecar.StartAsync(storage, options, loggers, cancel).ConfigureAwait(false);
        var channel = sidecar.Channel();

        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            b.AddTasks(WorkflowCatalog.Register);
            b.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
        });
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(channel);
            b.RegisterDirectly();
        });
        builder.Services.AddHostedService<CalendarScheduler>();
        builder.Services.AddHostedService<MailSenderService>();
        builder.AddSelfHostTelemetry();

        var app = builder.Build();
        app.UseForwardedHeadersFrom(options);
        app.UseExceptionHandler();
        // Every storage call made for a request (sign-in included) is bounded by Storage:RequestTimeout.
        app.Use(async (context, next) =>
        {
            using var bound = StorageRequestScope.Begin();
            await next(context).ConfigureAwait(false);
        });
        app.MapCatalog();
        app.MapSignIn();
        app.MapDemoSignIn();
        if (signIn.Directory == DirectoryKind.Oidc)
        {
            app.MapOidcSignIn();
        }

        // The workbench starts at the signed-in person's to-do list (a browser not signed in is sent to sign in).
        app.MapGet("/", (HttpRequest request) => Results.Redirect($"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/todo{request.QueryString}")).ExcludeFromDescription();

        await app.StartAsync(cancel).ConfigureAwait(false);
        return new SelfHostApp(app, sidecar, channel);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        await _sidecar.DisposeAsync().ConfigureAwait(false);
    }
}
