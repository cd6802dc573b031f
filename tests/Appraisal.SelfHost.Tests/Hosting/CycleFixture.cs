using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Notifications;
using Azure.Data.Tables;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The sample office (30 departments, 215 people, a quarter of cases) stored in a fresh table prefix, with
/// scheme B decided — what an office has before its first cycle. For a province, the same office under several ids.</summary>
public sealed class CycleFixture
{
    public const string Office = "sample-basic";

    private CycleFixture(StorageAccount account, SampleData sample, Scheme scheme)
    {
        Account = account;
        Sample = sample;
        Scheme = scheme;
    }

    public StorageAccount Account { get; }

    public SampleData Sample { get; }

    public Scheme Scheme { get; }

    public string Prefix => Account.Options.Prefix;

    public static Task<CycleFixture> CreateAsync(string period, params string[] offices) => CreateOnAsync(AzuriteFixture.ConnectionString, period, offices);

    /// <summary>As <see cref="CreateAsync"/>, on the storage of that connection string (a test's own Azurite).</summary>
    public static async Task<CycleFixture> CreateOnAsync(string connectionString, string period, params string[] offices)
    {
        var account = new StorageAccount(new StorageOptions { ConnectionString = connectionString, Prefix = "sh" + Guid.NewGuid().ToString("N")[..10] });
        await account.EnsureCreatedAsync();
        var scheme = SchemeTemplates.Load("B");
        var sample = SampleOffice.Generate(new SampleOptions { Period = Period.Parse(period) }, [scheme]);
        var org = sample.Organisation;
        foreach (var office in offices is { Length: > 0 } ? offices : [Office])
        {
            await new OrganisationRepository(account).ImportAsync(new Domain.Organisation.OfficeOrganisation(org.Office with { Id = office }, org.Departments, org.Positions, org.People));
            await new CaseRepository(account).ImportAsync(office, sample.Cases);
        }

        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        return new CycleFixture(account, sample, scheme);
    }

    /// <summary>Waits until the cycle's rating window is open (its activity runs just after the start).</summary>
    public async Task WaitForRatingWindowAsync(string period, string office = Office)
    {
        var box = new Storage.Ballots.BallotBox(Account);
        for (var until = DateTime.UtcNow.AddMinutes(2); await box.WindowAsync(office, period) is null; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < until, "the rating window did not open");
        }
    }

    /// <summary>Waits until the cycle's rating window (seconds in these tests) is sealed: a test comparing storage
    /// before and after an action takes its first snapshot once the window's own writes are over (a cycle started
    /// through <see cref="CycleActors.StartAsync"/> has waited for it already; one started from the form has not).</summary>
    public async Task WaitForRatingSealAsync(string period, string office = Office)
    {
        var box = new Storage.Ballots.BallotBox(Account);
        for (var until = DateTime.UtcNow.AddMinutes(2); await box.SealOfAsync(office, period) is null; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < until, "the rating window was not sealed");
        }
    }

    /// <summary>Stores and decides the next version of the scheme with its rating window after self-evaluation: a
    /// quarter started under it has no window open while the departments self-evaluate.</summary>
    public async Task RateAfterSelfEvaluationAsync()
    {
        var later = Scheme with { Version = Scheme.Version + 1, RatingWindow = RatingWindow.AfterSelfEvaluation };
        var schemes = new SchemeRepository(Account);
        var draft = await schemes.AddDraftAsync(later);
        await schemes.DecideAsync(later.Id, later.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
    }

    /// <summary>Exactly the records of a quarter of the sample office completed in one decision round with three
    /// approvals: 30 submissions, all accepted; 93 scorecards, all final; one result mail per appraised person with an
    /// address and a decision request per member; one audit entry of each stage, and the chain intact.</summary>
    public async Task AssertCompletedQuarterAsync(string period)
    {
        var submissions = await new SubmissionRepository(Account).ForCycleAsync(Office, period);
        Assert.Equal(30, submissions.Count);
        Assert.All(submissions, s => Assert.Equal("accepted", s.Value.Status));
        var cards = await new ScorecardRepository(Account).ForPeriodAsync(Office, period, Scheme.Id);
        Assert.Equal(93, cards.Count);
        var finalCount = 0;
        await foreach (var _ in Account.Table(TableNames.Scorecards).QueryAsync<TableEntity>(e => e.GetBoolean("Final") == true))
        {
            finalCount++;
        }

        Assert.Equal(93, finalCount);
        var mails = await new OutboxRepository(Account).AllAsync(OutboxCycleNotifications.Stream(Office, period));
        var results = mails.Where(m => m.Value.Key.StartsWith("result-", StringComparison.Ordinal)).ToList();
        Assert.Equal(93, results.Count);
        Assert.Equal(93, results.Select(m => m.Value.To).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, mails.Count(m => m.Value.Key.StartsWith("decide-r1-", StringComparison.Ordinal)));
        var audit = new AuditLog(Account);
        var entries = await audit.ReadAsync(Office, period);
        Assert.Equal(30, entries.Count(e => e.Action == "submission.stored"));
        Assert.Equal(30, entries.Count(e => e.Action == "submission.accepted"));
        Assert.Equal(3, entries.Count(e => e.Action == "decision.approved"));
        Assert.Single(entries, e => e.Action == "scorecards.scored");
        Assert.Single(entries, e => e.Action == "notice.published");
        Assert.Single(entries, e => e.Action == "results.finalised");
        Assert.True((await audit.VerifyAsync(Office, period)).Intact);
    }

    public CycleActors Actors(SelfHostProcess host, string period, string office = Office) =>
        new(host, office, period, Sample.Organisation, Sample.Ledger[Scheme.Id], Account);
}
