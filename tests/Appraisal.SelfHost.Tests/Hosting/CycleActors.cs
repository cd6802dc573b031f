using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Scoring;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The people of a cycle, acting through the self-host's HTTP endpoints: department heads submit their
/// department's rows, the appraisal office verifies, Party-group members vote. Retries a refused connection (the host
/// may be restarting) but never a request the host answered. Each signs in as the person it plays: the head of the
/// department, the appraisal office, the member.</summary>
public sealed class CycleActors(SelfHostProcess host, string office, string period, OfficeOrganisation organisation, IReadOnlyList<LedgerEntry> ledger, Storage.StorageAccount? account = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(30) };

    public string Path => $"api/cycles/{office}/{period}";

    /// <summary>Starts the period. A quarter started with the test host's rating time (seconds: nobody rates in these
    /// tests) is returned once its rating window is sealed and audited, so the window's own writes are over before a
    /// test compares storage around the actions it tries; a test that rates sets its own rating time. (A quarter whose
    /// scheme the Party group decides first opens its window only after that decision: returned at once.)</summary>
    public async Task<HttpResponseMessage> StartAsync(CycleStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/cycles") { Content = JsonContent.Create(start, options: CycleEndpoints.Json) };
        var response = await SendAsync(request, await OfficeTokenAsync());
        if (account is not null && start.RatingTime is null && response.StatusCode == HttpStatusCode.Accepted && start.Period.Contains("-Q", StringComparison.Ordinal))
        {
            var audit = new Storage.Audit.AuditLog(account);
            await WaitUntilAsync(async s => Stage(s) == nameof(Domain.Cycles.CycleStage.SchemeDecision)
                || (await audit.ReadAsync(office, period)).Any(e => e.Action == "ratings.sealed"), "the rating window sealed");
        }

        return response;
    }

    /// <summary>The appraisal office's token.</summary>
    public Task<string> OfficeTokenAsync() => host.TokenAsync("appraisal-office", Role.AppraisalOffice, office);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    /// <summary>The department's submission (its ledger claims), under its usual key or <paramref name="key"/> (a new
    /// submission).</summary>
    public async Task<HttpStatusCode> SubmitAsync(string department, string? key = null)
    {
        var subjects = organisation.People.Where(p => p.DepartmentId == department).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        using var l = new StringWriter();
        LedgerCsv.Write(l, ledger.Where(x => subjects.Contains(x.SubjectId)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/departments/{department}/submission")
        {
            Content = JsonContent.Create(new SubmissionRequest(null, l.ToString()), options: CycleEndpoints.Json),
        };
        request.Headers.Add("Idempotency-Key", key ?? $"test-{department}");
        using var response = await SendAsync(request, await host.TokenAsync($"head-{department}", Role.DepartmentHead, office, department));
        return response.StatusCode;
    }

    /// <summary>Windows may still be opening when a submission arrives (503, "retry in a moment") — after a restart,
    /// on a loaded machine, for a minute or more: asked again for up to three minutes, as a person would; any other
    /// answer is the answer.</summary>
    public async Task<HttpStatusCode> SubmitWhenOpenAsync(string department)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await SubmitAsync(department);
            if (status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(500);
        }
    }

    public async Task<HttpStatusCode> VerifyAsync(string department, VerificationAction action = VerificationAction.Accept, string? reason = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/departments/{department}/verification")
        {
            Content = JsonContent.Create(new VerificationRequest(action, reason), options: CycleEndpoints.Json),
        };
        using var response = await SendAsync(request, await OfficeTokenAsync());
        return response.StatusCode;
    }

    /// <summary>A member's vote, for the round the cycle's status names unless one is given.</summary>
    public async Task<HttpStatusCode> VoteAsync(string member, bool approve = true, string? reason = null, int? round = null)
    {
        round ??= Round(await WaitForAsync("Decision"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/votes") { Content = JsonContent.Create(new VoteRequest(approve, reason, round), options: CycleEndpoints.Json) };
        using var response = await SendAsync(request, await host.TokenAsync(member, Role.PartyGroup, office));
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> ReviewObjectionsAsync(params string[] reopenDepartments)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/objection-review")
        {
            Content = JsonContent.Create(new ObjectionReviewRequest(reopenDepartments), options: CycleEndpoints.Json),
        };
        using var response = await SendAsync(request, await OfficeTokenAsync());
        return response.StatusCode;
    }

    /// <summary>Polls the status until the stage (or runtime status) is reached; returns the status document.</summary>
    public Task<JsonElement> WaitForAsync(string target, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.GetProperty("runtimeStatus").GetString() == target || Stage(s) == target, target, timeout);

    /// <summary>Polls the status until it shows what <paramref name="done"/> looks for; returns the status document.</summary>
    public Task<JsonElement> WaitUntilAsync(Func<JsonElement, bool> done, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => Task.FromResult(done(s)), what, timeout);

    /// <summary>As above, with a condition that reads more than the status.</summary>
    public async Task<JsonElement> WaitUntilAsync(Func<JsonElement, Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        JsonElement last = default;
        var refused = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Path), await OfficeTokenAsync());
                if (response.IsSuccessStatusCode)
                {
                    last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (await done(last))
                    {
                        return last;
                    }

                    Assert.NotEqual("Failed", last.GetProperty("runtimeStatus").GetString());
                }
                else
                {
                    refused = $"; last refusal {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The host is restarting, or its storage is slow to answer: asked again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Path}: expected {what}, last seen {last}{refused}");
    }

    public static string? Stage(JsonElement status) => Custom(status, "stage")?.GetString();

    public static int? Round(JsonElement status) => Custom(status, "round") is { ValueKind: JsonValueKind.Number } round ? round.GetInt32() : null;

    public static IReadOnlyList<string> Awaiting(JsonElement status) =>
        Custom(status, "awaiting") is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    /// <summary>The departments correcting a returned submission, as the status names them.</summary>
    public static IReadOnlyList<string> Correcting(JsonElement status) =>
        Custom(status, "correcting") is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(x => x.GetProperty("departmentId").GetString()!).ToList() : [];

    private static JsonElement? Custom(JsonElement status, string name) =>
        status.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } custom && custom.TryGetProperty(name, out var value) ? value : null;

    public void Dispose() => _http.Dispose();
}
