using System.Globalization;
using Appraisal.Domain.Organisation;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary>The raters of a simulated quarter (民主测评), each acting as a person would through the questionnaire's API:
/// signed in as themselves, they read their questionnaire once the window is open and answer it section by section,
/// the receipt of their first answer sent with the next. What each answers comes from a ratings file (the columns of
/// docs/inputs.md): a rater gives a subject one of the scores the file holds for that subject, indicator and group —
/// picked by the rater, so different raters give different ones — and "cannot judge" where the file holds none.</summary>
internal sealed class RaterSimulation(ApiClient client, string path, OfficeOrganisation organisation, IReadOnlyDictionary<(string Subject, string Indicator, string Group), List<decimal>> pool)
{
    /// <summary>Raters answering at once: a floor of people at their desks.</summary>
    private const int Concurrency = 8;

    /// <summary>The scores a ratings file gives per subject, indicator and rater group; empty without a file.</summary>
    public static async Task<Dictionary<(string Subject, string Indicator, string Group), List<decimal>>> PoolAsync(FileInfo? file, CancellationToken cancel)
    {
        var pool = new Dictionary<(string, string, string), List<decimal>>();
        if (file is null)
        {
            return pool;
        }

        var lines = await File.ReadAllLinesAsync(file.FullName, cancel);
        var header = lines.FirstOrDefault()?.Split(',').Select(h => h.Trim().Trim('"')).ToList() ?? [];
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"{file.Name}: expected a column '{name}', found {string.Join(",", header)}");
        var (subject, indicator, group, score) = (Column("subject_id"), Column("indicator_id"), Column("rater_group"), Column("score"));
        foreach (var line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            var key = (fields[subject], fields[indicator], fields[group]);
            if (!pool.TryGetValue(key, out var scores))
            {
                pool[key] = scores = [];
            }

            scores.Add(decimal.Parse(fields[score], NumberStyles.Number, CultureInfo.InvariantCulture));
        }

        return pool;
    }

    /// <summary>Every person of the office answers their questionnaire, waiting (up to <paramref name="timeout"/>) for the
    /// window to open. Returns the raters who answered, the answers given and when the window closes (as the
    /// questionnaire says); an error message on the first refusal.</summary>
    public async Task<(int Raters, int Answers, DateTime? ClosesUtc, string? Error)> RunAsync(TimeSpan timeout, TimeSpan poll, CancellationToken cancel)
    {
        var raters = 0;
        var answers = 0;
        string? error = null;
        var deadline = DateTime.UtcNow + timeout;
        // One person watches for the window to open, as the office's invitation tells everyone at once; the raters then
        // open their questionnaires. (Every rater asking each second until then was a load no office makes.)
        var (closes, refusal) = organisation.People.Count > 0 ? await WaitForWindowAsync(organisation.People[0], deadline, poll, cancel) : (null, null);
        if (refusal is not null)
        {
            return (0, 0, null, refusal);
        }

        await Parallel.ForEachAsync(organisation.People, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancel }, async (person, token) =>
        {
            var (count, failure) = await AnswerAsync(person, token);
            if (failure is not null)
            {
                Interlocked.CompareExchange(ref error, failure, null);
            }
            else if (count > 0)
            {
                Interlocked.Increment(ref raters);
                Interlocked.Add(ref answers, count);
            }
        });
        return (raters, answers, closes, error);
    }

    /// <summary>Polls the questionnaire of <paramref name="person"/> until the window is no longer "not open": when it
    /// closes, or an error message when the window does not open in time or the request is refused.</summary>
    private async Task<(DateTime? ClosesUtc, string? Error)> WaitForWindowAsync(Person person, DateTime deadline, TimeSpan poll, CancellationToken cancel)
    {
        var caller = LocalTokens.As(person.Id, Role.Staff, organisation.Office.Id, person.DepartmentId);
        while (true)
        {
            var (ok, body, message) = await client.SendAsync(HttpMethod.Get, $"{path}/ratings", null, cancel, caller: caller);
            if (!ok)
            {
                return (null, $"{person.Id}: {message}");
            }

            if (body.GetProperty("state").GetString() != nameof(RatingWindowState.NotOpen))
            {
                // The close is written in UTC with its offset.
                return (body.TryGetProperty("closesUtc", out var closes) && closes.ValueKind == System.Text.Json.JsonValueKind.String ? closes.GetDateTimeOffset().UtcDateTime : null, null);
            }

            if (DateTime.UtcNow > deadline)
            {
                return (null, $"{person.Id}: the rating window did not open in time");
            }

            await Task.Delay(poll, cancel);
        }
    }

    /// <summary>The person's questionnaire, read once the window has opened (<see cref="WaitForWindowAsync"/>), answered
    /// section by section.</summary>
    private async Task<(int Answers, string? Error)> AnswerAsync(Person person, CancellationToken cancel)
    {
        var caller = LocalTokens.As(person.Id, Role.Staff, organisation.Office.Id, person.DepartmentId);
        var (read, questionnaire, refusal) = await client.SendAsync(HttpMethod.Get, $"{path}/ratings", null, cancel, caller: caller);
        if (!read)
        {
            return (0, $"{person.Id}: {refusal}");
        }

        if (questionnaire.GetProperty("sections").GetArrayLength() == 0)
        {
            return (0, null); // rates nobody
        }

        if (questionnaire.GetProperty("state").GetString() is var state && state != nameof(RatingWindowState.Open))
        {
            return (0, $"{person.Id}: the rating window is {state}");
        }

        string? receipt = null;
        var given = 0;
        foreach (var section in questionnaire.GetProperty("sections").EnumerateArray())
        {
            var questions = section.GetProperty("questions").EnumerateArray().Select(q => new RatingAnswerRequest(
                q.GetProperty("subjectId").GetString(), q.GetProperty("indicatorId").GetString(),
                Score(person.Id, q.GetProperty("subjectId").GetString()!, q.GetProperty("indicatorId").GetString()!, q.GetProperty("group").GetString()!))).ToList();
            var headers = receipt is null ? null : new[] { KeyValuePair.Create(RatingEndpoints.ReceiptHeader, receipt) };
            var id = section.GetProperty("id").GetString()!;
            var (ok, body, message) = await client.SendAsync(HttpMethod.Post, $"{path}/ratings/{id}", new RatingAnswersRequest(questions), cancel, caller: caller, headers: headers);
            if (ok)
            {
                receipt = body.GetProperty("receipt").GetString();
            }
            else if (!message.Contains(RatingEndpoints.ReceiptHeader, StringComparison.Ordinal) || !await AnsweredAsync(caller, id, cancel))
            {
                return (given, $"{person.Id} {id}: {message}");
            }

            // Refused as answered (409 at the receipt) and shown answered: an earlier attempt was stored and its answer
            // lost (a 503 sent again), as a person sees on their questionnaire; its receipt is not known, so it is not revised.
            given += questions.Count(q => q.Score is not null);
        }

        return (given, null);
    }

    /// <summary>Whether the rater's questionnaire shows the section answered.</summary>
    private async Task<bool> AnsweredAsync(Workflow.Identity.Caller caller, string section, CancellationToken cancel)
    {
        var (ok, body, _) = await client.SendAsync(HttpMethod.Get, $"{path}/ratings", null, cancel, caller: caller);
        return ok && body.GetProperty("sections").EnumerateArray().Any(s => s.GetProperty("id").GetString() == section && s.GetProperty("answered").GetBoolean());
    }

    /// <summary>One of the file's scores for the question, chosen by the rater (a stable hash of their id); none: cannot judge.</summary>
    private decimal? Score(string rater, string subject, string indicator, string group)
    {
        if (!pool.TryGetValue((subject, indicator, group), out var scores) || scores.Count == 0)
        {
            return null;
        }

        var hash = 2166136261u;
        foreach (var c in rater + "|" + subject)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return scores[(int)(hash % (uint)scores.Count)];
    }
}
