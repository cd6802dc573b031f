using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;

namespace Appraisal.SelfHost.Cli;

/// <summary>Reads a scheme, an organisation and a period's inputs from files, collecting every error;
/// with any error, nothing is returned and nothing gets scored.</summary>
internal sealed class InputFiles
{
    public required Scheme Scheme { get; init; }

    public required OfficeOrganisation Organisation { get; init; }

    public required SubjectSet Subjects { get; init; }

    public required CaseLog Cases { get; init; }

    public required List<Rating> Ratings { get; init; }

    public required List<LedgerEntry> Ledger { get; init; }

    public static async Task<(InputFiles? Files, IReadOnlyList<string> Errors)> LoadAsync(
        FileInfo schemeFile, FileInfo organisationFile, FileInfo? casesFile, FileInfo? ratingsFile, FileInfo? ledgerFile, Period period, CancellationToken cancel)
    {
        var (scheme, organisation, schemeErrors) = await LoadSchemeAndOrganisationAsync(schemeFile, organisationFile, cancel);
        if (scheme is null || organisation is null)
        {
            return (null, schemeErrors);
        }

        var errors = new InputErrors();
        var subjects = SubjectSet.For(scheme, organisation);
        var cases = casesFile is null ? new CaseLog() : Read(casesFile, errors, r => CaseCsv.Read(r, Label(casesFile), organisation, errors)) ?? new CaseLog();
        var ratings = ratingsFile is null ? [] : Read(ratingsFile, errors, r => RatingCsv.Read(r, Label(ratingsFile), scheme, subjects, errors)) ?? [];
        var ledger = ledgerFile is null ? [] : Read(ledgerFile, errors, r => LedgerCsv.Read(r, Label(ledgerFile), scheme, subjects, period, errors)) ?? [];
        if (errors.Any)
        {
            return (null, errors.Items.Select(e => e.ToString()).ToList());
        }

        return (new InputFiles { Scheme = scheme, Organisation = organisation, Subjects = subjects, Cases = cases, Ratings = ratings, Ledger = ledger }, []);
    }

    public static async Task<(Scheme? Scheme, OfficeOrganisation? Organisation, IReadOnlyList<string> Errors)> LoadSchemeAndOrganisationAsync(
        FileInfo schemeFile, FileInfo organisationFile, CancellationToken cancel)
    {
        var messages = new List<string>();
        foreach (var file in new[] { schemeFile, organisationFile })
        {
            if (!file.Exists)
            {
                messages.Add($"{file.FullName}: file not found");
            }
        }

        if (messages.Count > 0)
        {
            return (null, null, messages);
        }

        var result = SchemeDocument.Read(await File.ReadAllTextAsync(schemeFile.FullName, cancel));
        messages.AddRange(result.Errors.Select(e => $"{schemeFile.Name}: {e}"));
        var errors = new InputErrors();
        var organisation = OrganisationDocument.Read(await File.ReadAllTextAsync(organisationFile.FullName, cancel), organisationFile.Name, errors);
        messages.AddRange(errors.Items.Select(e => e.ToString()));
        return messages.Count > 0 ? (null, null, messages) : (result.Scheme, organisation, messages);
    }

    /// <summary>How a file is named in errors and line sources: with its folder, so ratings/x.csv and ledger/x.csv differ.</summary>
    public static string Label(FileInfo file) => file.Directory is { } dir ? $"{dir.Name}/{file.Name}" : file.Name;

    private static T? Read<T>(FileInfo file, InputErrors errors, Func<TextReader, T> read)
        where T : class
    {
        if (!file.Exists)
        {
            errors.Add(Label(file), 0, "file", $"file not found: {file.FullName}");
            return null;
        }

        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        return read(reader);
    }
}
