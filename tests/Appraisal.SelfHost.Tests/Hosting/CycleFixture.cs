using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;

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

    public static async Task<CycleFixture> CreateAsync(string period, params string[] offices)
    {
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = "sh" + Guid.NewGuid().ToString("N")[..10] });
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

    public CycleActors Actors(SelfHostProcess host, string period, string office = Office) =>
        new(host, office, period, Sample.Organisation, Sample.Ratings[Scheme.Id], Sample.Ledger[Scheme.Id]);
}
