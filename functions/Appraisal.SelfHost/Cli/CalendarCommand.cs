using System.CommandLine;
using System.Globalization;
using Appraisal.Domain.Text;
using Appraisal.Storage;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal calendar list</c> lists the working-day calendar's years (shipped and added);
/// <c>appraisal calendar show YEAR</c> prints a year's document; <c>appraisal calendar add FILE [--replace]</c> adds a
/// year's holiday arrangement (next year's State Council notice) or, with <c>--replace</c>, replaces the year the
/// calendar holds with a corrected notice — through the same service as the API and the page, as the operator at the
/// console (a province-level administrator), audited. A server sees an added year within a minute.</summary>
internal static class CalendarCommand
{
    public static Command Build(Func<StorageOptions> storage) => new("calendar", "The working-day calendar: China's holidays and worked weekend days, one State Council notice a year")
    {
        List(storage),
        Show(storage),
        Add(storage),
    };

    private static Command List(Func<StorageOptions> storage)
    {
        var language = CommonOptions.Language();
        var command = new Command("list", "List the calendar's years: shipped with the software, or added by an administrator") { language };
        command.SetAction((parse, cancel) => RunAsync(parse, storage, parse.GetValue(language), cancel, async (admin, caller, output, lang) =>
        {
            foreach (var y in await admin.ListAsync(caller, cancel))
            {
                var year = y.Year.Year.ToString(CultureInfo.InvariantCulture);
                var by = y.StoredBy is null ? string.Empty : CliText.Pick(lang, $"，{y.StoredBy} 于 {Html.Beijing(y.StoredAt!.Value)} 存储", $", stored by {y.StoredBy} at {Html.Beijing(y.StoredAt!.Value)}");
                await output.WriteLineAsync(CliText.Pick(lang, $"{year}  {Source(y.Source, lang)}  {y.Year.Notice}{by}", $"{year}  {Source(y.Source, lang)}  {y.Year.Notice}{by}"));
            }

            return 0;
        }));
        return command;
    }

    private static Command Show(Func<StorageOptions> storage)
    {
        var year = new Argument<int>("YEAR") { Description = "The year, e.g. 2026" };
        var language = CommonOptions.Language();
        var command = new Command("show", "Print a year's holiday arrangement as JSON (the document 'calendar add' takes)") { year, language };
        command.SetAction((parse, cancel) => RunAsync(parse, storage, parse.GetValue(language), cancel, async (admin, caller, output, lang) =>
        {
            await output.WriteLineAsync((await admin.GetAsync(caller, parse.GetValue(year), cancel)).Document);
            return 0;
        }));
        return command;
    }

    private static Command Add(Func<StorageOptions> storage)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The year's holiday arrangement (JSON, as docs/calendar.md describes)" };
        var replace = new Option<bool>("--replace") { Description = "Replace the year the calendar holds (a corrected notice) instead of refusing it" };
        var actor = CommonOptions.Actor();
        var language = CommonOptions.Language();
        var command = new Command("add", "Add a year's holiday arrangement, or replace one with --replace; checked first, nothing stored on an error") { file, replace, actor, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var path = parse.GetRequiredValue(file);
            if (await CommonOptions.MissingAsync(parse, lang, path))
            {
                return 2;
            }

            var document = await File.ReadAllTextAsync(path.FullName, cancel);
            return await RunAsync(parse, storage, lang, cancel, async (admin, _, output, _) =>
            {
                var caller = CliServices.Operator(parse.GetValue(actor) ?? "cli");
                Azure.ETag? current = null;
                if (parse.GetValue(replace))
                {
                    // The version replaced is the one read now: a change by someone else between the two is refused.
                    var year = CalendarAdministration.Validate(document, null).Year;
                    current = (await admin.GetAsync(caller, year, cancel)).ETag;
                }

                var (view, added) = await admin.StoreAsync(caller, document, null, current, cancel);
                var y = view.Year.Year.ToString(CultureInfo.InvariantCulture);
                await output.WriteLineAsync(CliText.Pick(lang,
                    added ? $"已添加 {y} 年的节假日安排（{view.Year.Notice}）" : $"已替换 {y} 年的节假日安排（{view.Year.Notice}）",
                    added ? $"added {y}'s holiday arrangement ({view.Year.Notice})" : $"replaced {y}'s holiday arrangement ({view.Year.Notice})"));
                return 0;
            });
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<StorageOptions> storage, Language lang, CancellationToken cancel,
        Func<CalendarAdministration, Workflow.Identity.Caller, TextWriter, Language, Task<int>> action)
    {
        await using var services = await CliServices.OpenAsync(storage(), cancel);
        try
        {
            return await action(services.GetRequiredService<CalendarAdministration>(), CliServices.Operator(Environment.UserName), parse.InvocationConfiguration.Output, lang);
        }
        catch (Exception failure) when ((failure as RequestRefusedException ?? RequestRefusedException.FromStorage(failure)) is { } ex)
        {
            foreach (var line in ex.Errors.Count > 0 ? ex.Errors.Select(e => e.ToString(lang)) : [ex.Text(lang)])
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, line));
            }

            return 1;
        }
    }

    private static string Source(CalendarYearSource source, Language lang) => source switch
    {
        CalendarYearSource.Shipped => CliText.Pick(lang, "随软件提供", "shipped"),
        CalendarYearSource.Added => CliText.Pick(lang, "已添加", "added"),
        _ => CliText.Pick(lang, "已替换（更正通知）", "replaced (corrected notice)"),
    };
}
