using System.Text.Json;
using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Http;

/// <summary>The status endpoints answer an orchestration that failed or was terminated as a status with a problem in it
/// — never a 500 — whatever its stored output and error text hold (text that is not JSON, control characters).</summary>
public sealed class StoppedCycleStatusTests : IAsyncLifetime
{
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<string, string>("Failing", Failing)
            .AddOrchestratorFunc<string, string>("Plain", (_, text) => Task.FromResult(text))
            .AddOrchestratorFunc<string, string>("Waiting", async (context, _) => await context.WaitForExternalEvent<string>("never")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<string> Failing(TaskOrchestrationContext context, string reason) => throw new InvalidOperationException(reason);

    [Theory]
    [InlineData("zh-CN", "考核周期运行失败", "重新启动该院该期间")]
    [InlineData("en", "The cycle failed", "starting the office's period again")]
    public async Task AFailedInstance_IsAStatusWithAProblem_InTheCallersLanguage(string language, string title, string restart)
    {
        var id = await RunAsync("Failing", "name with a control char \u0007 and \"quotes\" — not JSON");

        var (status, body) = await AnswerAsync(id, language);

        Assert.Equal(200, status);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("output").ValueKind);
        var problem = body.GetProperty("problem");
        Assert.Equal(CycleEndpoints.StoppedProblemType, problem.GetProperty("type").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(restart, detail, StringComparison.Ordinal);
        Assert.Contains("name with a control char", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(detail, char.IsControl);
        Assert.Equal(typeof(InvalidOperationException).FullName, problem.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task ATerminatedInstance_IsAStatusWithAProblem()
    {
        var id = Guid.NewGuid().ToString("N");
        await _host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", "x", new StartOrchestrationOptions(id));
        await _host.Client.WaitForInstanceStartAsync(id);
        await _host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stopped by an administrator" });
        await _host.Client.WaitForInstanceCompletionAsync(id);

        var (status, body) = await AnswerAsync(id, "zh-CN");

        Assert.Equal(200, status);
        Assert.Equal("Terminated", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("考核周期已被终止", body.GetProperty("problem").GetProperty("title").GetString());
        Assert.Contains("stopped by an administrator", body.GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACompletedInstance_HasItsOutputAndNoProblem_EvenWhenTheOutputIsNotJson()
    {
        var id = await RunAsync("Plain", "done");

        var (status, body) = await AnswerAsync(id, "zh-CN");

        Assert.Equal(200, status);
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("done", body.GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("problem").ValueKind);
    }

    private async Task<string> RunAsync(string orchestrator, string input)
    {
        var id = Guid.NewGuid().ToString("N");
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(id));
        await _host.Client.WaitForInstanceCompletionAsync(id);
        return id;
    }

    private async Task<(int Status, JsonElement Body)> AnswerAsync(string id, string language)
    {
        var instance = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Path = "/api/cycles/sample/2026-Q1";
        http.Request.Headers.AcceptLanguage = language;
        http.Response.Body = new MemoryStream();

        await CycleEndpoints.StatusOf(http.Request, instance).ExecuteAsync(http);

        http.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(http.Response.Body);
        return (http.Response.StatusCode, document.RootElement.Clone());
    }
}
