using System.Net;
using Appraisal.Workflow.Cycle;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The self-host killed with SIGKILL at every stage of a quarter — while waiting for submissions, during
/// verification, while waiting for approvals, during publication — and started again over the same Azurite: the cycle
/// completes with exactly the expected records, none lost and none twice.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task Cycle_KilledAtEveryStage_CompletesWithEachRecordExactlyOnce()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Crash" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        var departments = fixture.Sample.Organisation.Departments.Select(d => d.Id).ToList();

        var start = new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(start)).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");

        // Killed while waiting for submissions: half the departments have submitted.
        foreach (var d in departments.Take(15))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d));
        }

        await host.KillAsync();
        await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await actors.StartAsync(start)).StatusCode);
        foreach (var d in departments.Skip(15))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d));
        }

        // Killed during verification: half accepted.
        var verification = await actors.WaitForAsync("Verification");
        Assert.Equal(30, CycleActors.Awaiting(verification).Count);

        // A department head's retry with the same Idempotency-Key is the same submission, even after its window closed.
        Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitAsync(departments[0]));
        foreach (var d in departments.Take(15))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        await host.KillAsync();
        await host.StartAsync();
        foreach (var d in departments.Skip(15))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        // Killed while waiting for approvals: one member has voted.
        var decision = await actors.WaitForAsync("Decision");
        var members = CycleActors.Awaiting(decision);
        Assert.Equal(4, members.Count);
        Assert.Equal(HttpStatusCode.Accepted, await actors.VoteAsync(members[0]));
        await host.KillAsync();
        await host.StartAsync();
        // A majority (3 of 4) decides; the last member is no longer awaited once it has.
        foreach (var m in members.Skip(1).Take(2))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VoteAsync(m));
        }

        // Killed during publication, inside the objection period.
        var published = await actors.WaitForAsync("Publication");
        Assert.Equal(HttpStatusCode.Conflict, await actors.VoteAsync(members[3], round: CycleActors.Round(published)));
        await host.KillAsync();
        await host.StartAsync();
        var done = await actors.WaitForAsync("Completed", TimeSpan.FromMinutes(2));
        Assert.Equal(1, done.GetProperty("output").GetProperty("decisionRounds").GetInt32());

        // Exactly the expected records: 30 submissions, 93 final scorecards, one result mail per appraised person
        // with an address, one of each stage in the audit log, and the chain intact.
        await fixture.AssertCompletedQuarterAsync(Period);
    }
}
