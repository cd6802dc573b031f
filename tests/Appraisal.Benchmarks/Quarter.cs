using System.Diagnostics;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.SelfHost.Cli;
using Appraisal.SelfHost.Hosting;
using Appraisal.Storage;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Benchmarks;

/// <summary>A quarter of the sample office (30 departments, 215 people, scheme B) for one office or a province of
/// several: imported, then run through a self-host with every office's people simulated by
/// <c>appraisal cycle simulate</c>.</summary>
internal sealed class Quarter : IAsyncDisposable
{
    public const string Period = "2026-Q1";

    /// <summary>The raters' pace assumed in sizing the window: raters (each answering their whole questionnaire) per
    /// second, all offices together, with the rest of the quarter running (see <see cref="RatingWindow"/>).</summary>
    public const int RatersPerSecond = 60;

    /// <summary>How the rating window is sized (see <see cref="RatingWindow"/>).</summary>
    public static readonly string RatingWindowRule = $"max(5 s, raters / {RatersPerSecond} per s)";

    private readonly DirectoryInfo _folder;
    private readonly string _ratings;
    private readonly string _ledger;
    private readonly string _schemeId;

    private Quarter(IReadOnlyList<string> offices, int people, DirectoryInfo folder, string ratings, string ledger, string schemeId, TimeSpan ratingTime)
    {
        Offices = offices;
        PeoplePerOffice = people;
        (_folder, _ratings, _ledger, _schemeId) = (folder, ratings, ledger, schemeId);
        RatingTime = ratingTime;
    }

    public IReadOnlyList<string> Offices { get; }

    public int PeoplePerOffice { get; }

    /// <summary>The rating window every office is given.</summary>
    public TimeSpan RatingTime { get; }

    /// <summary>The raters' window, sized from their load rather than the number of offices: every person of every
    /// office rates (the simulation answers eight raters at a time per office, about six answers each, from the
    /// benchmark's own process). On a quiet 2-core machine the raters of 10 offices answered their 2,150 questionnaires
    /// in 17–26 s beside the rest of the quarter through the counting proxy (85–130 raters a second; a run in an earlier
    /// week on the same kind of machine did it in 8.4 s), and one office's in 2.8 s — so raters / <see cref="RatersPerSecond"/>
    /// per second, about 1.5 to 2 times what they need, and at least 5 s. On a busy machine (other builds and tests
    /// beside) they keep less, and a window sized like this closes before they are done: give `--rating-window` then.
    /// The benchmark prints the pace the raters kept and the least time they left.</summary>
    public static TimeSpan RatingWindow(int raters) => TimeSpan.FromSeconds(Math.Max(5, Math.Ceiling((double)raters / RatersPerSecond)));

    /// <summary>Imports <paramref name="offices"/> copies of the sample office (one: <c>sample-basic</c>; more:
    /// <c>office-001</c>…), their case records, and — with <paramref name="decideScheme"/> — scheme B decided; the
    /// rating window <paramref name="ratingTime"/> when given, else sized by <see cref="RatingWindow"/> for the raters,
    /// longer by <paramref name="besides"/> (other work the same host serves meanwhile).</summary>
    public static async Task<Quarter> PrepareAsync(StorageAccount account, int offices, bool decideScheme, TimeSpan? ratingTime, TimeSpan besides = default)
    {
        var scheme = SchemeTemplates.Load("B");
        var sample = SampleOffice.Generate(new SampleOptions { Period = Domain.Periods.Period.Parse(Period) }, [scheme]);
        var ids = Enumerable.Range(1, offices).Select(i => offices == 1 ? "sample-basic" : $"office-{i:D3}").ToList();
        var organisation = new OrganisationRepository(account);
        var cases = new CaseRepository(account);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var org = sample.Organisation;
            await organisation.ImportAsync(new OfficeOrganisation(org.Office with { Id = id }, org.Departments, org.Positions, org.People));
            await cases.ImportAsync(id, sample.Cases);
        });
        if (decideScheme)
        {
            await DecideAsync(account, scheme);
        }

        var folder = Directory.CreateTempSubdirectory("appraisal-bench");
        var ratings = Path.Combine(folder.FullName, "ratings.csv");
        var ledger = Path.Combine(folder.FullName, "ledger.csv");
        await using (var w = File.CreateText(ratings))
        {
            RatingCsv.Write(w, sample.Ratings[scheme.Id]);
        }

        await using (var w = File.CreateText(ledger))
        {
            LedgerCsv.Write(w, sample.Ledger[scheme.Id]);
        }

        return new Quarter(ids, sample.Organisation.People.Count, folder, ratings, ledger, scheme.Id, ratingTime ?? RatingWindow(offices * sample.Organisation.People.Count) + besides);
    }

    /// <summary>Stores <paramref name="scheme"/> as a draft and has the Party group decide it.</summary>
    public static async Task DecideAsync(StorageAccount account, Scheme scheme)
    {
        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
    }

    /// <summary>Starts the cycle (one office) or the province (offices in batches of 10) in <paramref name="host"/>,
    /// plays every office's people through <paramref name="url"/>, all offices at once, and waits for the end (at most
    /// <see cref="Wait"/> and 5 more minutes), timed from the start.</summary>
    public async Task<Outcome> RunAsync(SelfHostApp host, string url, CancellationToken cancel)
    {
        var client = host.App.Services.GetRequiredService<DurableTaskClient>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string root;
        if (Offices.Count == 1)
        {
            root = (await host.App.Services.GetRequiredService<CycleStarter>().StartAsync(client, new CycleStart(Offices[0], Period, SelfEvaluationTime: TimeSpan.FromMinutes(10),
                RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(1), RatingTime: RatingTime), cancel)).InstanceId;
        }
        else
        {
            root = (await host.App.Services.GetRequiredService<ProvinceStarter>().StartAsync(client, new ProvinceStart("bench", Period, [.. Offices], BatchSize: 10, SchemeId: _schemeId,
                SelfEvaluationTime: TimeSpan.FromMinutes(30), RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(1), RatingTime: RatingTime), cancel)).InstanceId;
        }

        // Simulated people: each office's raters, heads, appraisal office and Party group, side by side.
        var failures = 0;
        await Parallel.ForEachAsync(Offices, new ParallelOptions { MaxDegreeOfParallelism = Offices.Count, CancellationToken = cancel }, async (id, token) =>
        {
            using var output = new StringWriter();
            var code = await AppraisalCli.Build().Parse(["cycle", "simulate", "--office", id, "--period", Period, "--ratings", _ratings, "--ledger", _ledger, "--url", url, "--timeout", Wait.ToString(), "--poll", Offices.Count == 1 ? "00:00:00.2" : "00:00:01"])
                .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output }, token);
            if (code != 0)
            {
                Interlocked.Increment(ref failures);
                Console.WriteLine($"{id}: {output}");
            }
        });
        if (failures > 0)
        {
            // An office whose people gave up never completes: no use waiting for the province.
            return new Outcome(started, clock.Elapsed, clock.Elapsed, (await client.GetInstanceAsync(root, cancel))?.RuntimeStatus ?? OrchestrationRuntimeStatus.Pending, failures);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(Wait + TimeSpan.FromMinutes(5));
        var done = await client.WaitForInstanceCompletionAsync(root, getInputsAndOutputs: false, limit.Token);
        var noticed = clock.Elapsed;
        // The wait asks the task hub every 2 s (the storage provider's own polling): the root's recorded last update is
        // when it completed.
        var recorded = done.LastUpdatedAt - started;
        var completed = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed && recorded > TimeSpan.Zero && recorded <= noticed ? recorded : noticed;
        return new Outcome(started, completed, noticed, done.RuntimeStatus, failures);
    }

    /// <summary>How long the simulated people wait for each stage: 10 minutes, or the rating window and 5 minutes when
    /// longer (they wait for the decision stage, which follows the window's close).</summary>
    private TimeSpan Wait => TimeSpan.FromMinutes(Math.Max(10, Math.Ceiling((RatingTime + TimeSpan.FromMinutes(5)).TotalMinutes)));

    public ValueTask DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>How a quarter ended: when it started, its wall time from the start to the root's completion as the task hub
    /// recorded it (<paramref name="Noticed"/>: when the benchmark's wait saw it, up to 2 s later), the root's status, the
    /// offices whose simulation failed.</summary>
    internal sealed record Outcome(DateTimeOffset Started, TimeSpan Elapsed, TimeSpan Noticed, OrchestrationRuntimeStatus Status, int Failures)
    {
        public bool Ok => Status == OrchestrationRuntimeStatus.Completed && Failures == 0;
    }
}
