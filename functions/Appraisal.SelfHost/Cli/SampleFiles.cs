namespace Appraisal.SelfHost.Cli;

/// <summary>The layout of a sample folder: organisation.json, cases.csv, and per template its scheme, ratings and ledger.</summary>
internal sealed record SampleFiles(string Root)
{
    public string Organisation => Path.Combine(Root, "organisation.json");

    public string Cases => Path.Combine(Root, "cases.csv");

    public string Scheme(string letter) => Path.Combine(Root, "schemes", $"template-{letter.ToLowerInvariant()}.json");

    public string Ratings(string letter) => Path.Combine(Root, "ratings", $"template-{letter.ToLowerInvariant()}.csv");

    public string Ledger(string letter) => Path.Combine(Root, "ledger", $"template-{letter.ToLowerInvariant()}.csv");
}
