using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary>Reads a scheme, an organisation and a period's inputs from files, collecting every error;
/// with any error, nothing is returned and nothing gets scored. Errors are worded in the language asked for.</summary>
internal sealed record InputFiles
{
    public required Scheme Scheme { get; init; }

    public required OfficeOrganisation Organisation { get; init; }

    public required SubjectSet Subjects { get; init; }

    public required CaseLog Cases { get; init; }

    public required List<Rating> Ratings { get; init; }

    public required List<LedgerEntry> Ledger { get; init; }

    /// <summary>The case records of each reference period of the scheme's relative targets (none without them).</summary>
    public IReadOnlyDictionary<Period, CaseLog> ReferenceCases { get; init; } = new Dictionary<Period, CaseLog>();

    /// <summary>Reads the inputs from files; <paramref name="referenceCasesFile"/>, case records (CSV) holding the reference
    /// period(s) of the scheme's relative targets, is read only where the scheme has them — without it each relative
    /// target falls back to its absolute target, with a warning.</summary>
    public static async Task<(InputFiles? Files, IReadOnlyList<string> Errors)> LoadAsync(
        FileInfo schemeFile, FileInfo organisationFile, FileInfo? casesFile, FileInfo? ratingsFile, FileInfo? ledgerFile, Period period, Language language,
        CancellationToken cancel, FileInfo? referenceCasesFile = null)
    {
        var (scheme, organisation, schemeErrors) = await LoadSchemeAndOrganisationAsync(schemeFile, organisationFile, language, cancel);
        if (scheme is null || organisation is null)
        {
            return (null, schemeErrors);
        }

        var errors = new InputErrors();
        var cases = casesFile is null ? new CaseLog() : ReadCases(casesFile, organisation, errors);
        var references = ReferenceValues.PeriodsOf(scheme, period);
        // The same file named twice (one export holding both quarters) is read once.
        var referenceLog = referenceCasesFile is null || references.Count == 0 ? null
            : casesFile is not null && Path.GetFullPath(referenceCasesFile.FullName) == Path.GetFullPath(casesFile.FullName) ? cases
            : ReadCases(referenceCasesFile, organisation, errors);
        var (files, messages) = Complete(scheme, organisation, cases, ratingsFile, ledgerFile, period, language, errors);
        return files is null || referenceLog is null ? (files, messages) : (files with { ReferenceCases = references.ToDictionary(r => r, _ => referenceLog) }, messages);
    }

    /// <summary>A case file (CSV) of the organisation's people and departments; errors collected.</summary>
    public static CaseLog ReadCases(FileInfo file, OfficeOrganisation organisation, InputErrors errors) =>
        Read(file, errors, r => CaseCsv.Read(r, Label(file), organisation, errors)) ?? new CaseLog();

    /// <summary>As <see cref="LoadAsync"/>, with the organisation and the period's case records read from storage.</summary>
    public static async Task<(InputFiles? Files, IReadOnlyList<string> Errors)> LoadStoredAsync(
        FileInfo schemeFile, string officeId, FileInfo? ratingsFile, FileInfo? ledgerFile, Period period, Language language, Storage.StorageOptions storage, CancellationToken cancel)
    {
        var (scheme, schemeErrors) = await ReadSchemeAsync(schemeFile, language, cancel);
        if (scheme is null)
        {
            return (null, schemeErrors);
        }

        var account = await StorageSettings.OpenAsync(storage, cancel);
        var organisation = await new Storage.Organisation.OrganisationRepository(account).LoadAsync(officeId, cancel);
        if (organisation is null)
        {
            return (null, [language == Language.En
                ? $"--office: expected an office imported with 'appraisal import', found none with id '{officeId}'"
                : $"--office：应为已用 'appraisal import' 导入的院，未找到 '{officeId}'"]);
        }

        var repository = new Storage.Cases.CaseRepository(account);
        var cases = await repository.ForPeriodAsync(officeId, period, cancel);
        var (files, errors) = Complete(scheme, organisation, cases, ratingsFile, ledgerFile, period, language, new InputErrors());
        if (files is null)
        {
            return (files, errors);
        }

        // The reference quarters of relative targets, one read each, only where the scheme has them.
        files = files with { ReferenceCases = await repository.ForPeriodsAsync(officeId, ReferenceValues.PeriodsOf(scheme, period), cancel) };

        // Every ledger entry that cites stored evidence (by its SHA-256) must cite a file that is there.
        var evidence = new Storage.Evidence.EvidenceStore(account);
        var missing = new List<string>();
        foreach (var entry in files.Ledger.Where(e => e.Evidence is { Length: 64 } h && h.All(char.IsAsciiHexDigitLower)))
        {
            if (!await evidence.ExistsAsync(entry.Evidence!, cancel))
            {
                missing.Add(language == Language.En
                    ? $"{entry.Source}: evidence: expected a stored evidence file, found no file with SHA-256 {entry.Evidence}"
                    : $"{entry.Source}: evidence：应为已存储的证明材料，未找到 SHA-256 为 {entry.Evidence} 的文件");
            }
        }

        return missing.Count > 0 ? (null, missing) : (files, errors);
    }

    private static (InputFiles? Files, IReadOnlyList<string> Errors) Complete(
        Scheme scheme, OfficeOrganisation organisation, CaseLog cases, FileInfo? ratingsFile, FileInfo? ledgerFile, Period period, Language language, InputErrors errors)
    {
        var subjects = SubjectSet.For(scheme, organisation);
        var ratings = ratingsFile is null ? [] : Read(ratingsFile, errors, r => RatingCsv.Read(r, Label(ratingsFile), scheme, subjects, errors)) ?? [];
        var ledger = ledgerFile is null ? [] : Read(ledgerFile, errors, r => LedgerCsv.Read(r, Label(ledgerFile), scheme, subjects, period, errors)) ?? [];
        if (errors.Any)
        {
            return (null, errors.Items.Select(e => e.ToString(language)).ToList());
        }

        return (new InputFiles { Scheme = scheme, Organisation = organisation, Subjects = subjects, Cases = cases, Ratings = ratings, Ledger = ledger }, []);
    }

    public static async Task<(Scheme? Scheme, OfficeOrganisation? Organisation, IReadOnlyList<string> Errors)> LoadSchemeAndOrganisationAsync(
        FileInfo schemeFile, FileInfo organisationFile, Language language, CancellationToken cancel)
    {
        var (scheme, schemeErrors) = await ReadSchemeAsync(schemeFile, language, cancel);
        var messages = schemeErrors.ToList();
        if (!organisationFile.Exists)
        {
            messages.Add(CliText.FileNotFound(language, organisationFile));
            return (null, null, messages);
        }

        var errors = new InputErrors();
        var organisation = OrganisationDocument.Read(await File.ReadAllTextAsync(organisationFile.FullName, cancel), organisationFile.Name, errors);
        messages.AddRange(errors.Items.Select(e => e.ToString(language)));
        return messages.Count > 0 ? (null, null, messages) : (scheme, organisation, messages);
    }

    /// <summary>Reads and checks a scheme file: the scheme, or every error (in the language asked).</summary>
    private static async Task<(Scheme? Scheme, IReadOnlyList<string> Errors)> ReadSchemeAsync(FileInfo schemeFile, Language language, CancellationToken cancel)
    {
        if (!schemeFile.Exists)
        {
            return (null, [CliText.FileNotFound(language, schemeFile)]);
        }

        var result = SchemeDocument.Read(await File.ReadAllTextAsync(schemeFile.FullName, cancel));
        return result.IsValid ? (result.Scheme, []) : (null, result.Errors.Select(e => $"{schemeFile.Name}: {e.ToString(language)}").ToList());
    }

    /// <summary>How a file is named in errors and line sources: with its folder, so ratings/x.csv and ledger/x.csv differ.</summary>
    public static string Label(FileInfo file) => file.Directory is { } dir ? $"{dir.Name}/{file.Name}" : file.Name;

    private static T? Read<T>(FileInfo file, InputErrors errors, Func<TextReader, T> read)
        where T : class
    {
        if (!file.Exists)
        {
            errors.Add(Label(file), 0, "file", $"file not found: {file.FullName}", $"找不到文件：{file.FullName}");
            return null;
        }

        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        return read(reader);
    }
}
