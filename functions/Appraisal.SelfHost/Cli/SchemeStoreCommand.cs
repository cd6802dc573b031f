using System.CommandLine;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal scheme store FILE [--decided-by ID]</c>: stores a checked scheme as a draft version; with
/// <c>--decided-by</c> records the Party group's decision at once (a decided version never changes).</summary>
internal static class SchemeStoreCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scheme document (JSON)" };
        var decidedBy = new Option<string?>("--decided-by") { Description = "Record the decision now, by this person (for a scheme the Party group already decided)" };
        var actor = CommonOptions.Actor();
        var language = CommonOptions.Language();
        var command = new Command("store", "Store a ready-made scheme version (every office reads it) as a draft, or decided") { file, decidedBy, actor, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var path = parse.GetRequiredValue(file);
            if (await CommonOptions.MissingAsync(parse, lang, path))
            {
                return 2;
            }

            var result = SchemeDocument.Read(await File.ReadAllTextAsync(path.FullName, cancel));
            if (!result.IsValid)
            {
                foreach (var e in result.Errors)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, $"{path.Name}: {e.ToString(lang)}"));
                }

                return 1;
            }

            var scheme = result.Scheme!;
            await using var services = await CliServices.OpenAsync(storage(), cancel);
            StoredScheme stored;
            try
            {
                stored = await services.GetRequiredService<SchemeDraftActions>().StoreReadyMadeAsync(CliServices.Operator(parse.GetValue(actor) ?? "cli"), scheme, parse.GetValue(decidedBy), cancel);
            }
            catch (RequestRefusedException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, ex.Text(lang)));
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(CliText.Pick(lang,
                $"已存储方案 {scheme.Id} 第 {scheme.Version} 版（{(stored.Status == SchemeStatus.Decided ? "已决定" : "草案")}）",
                $"stored scheme {scheme.Id} version {scheme.Version} ({stored.Status.ToString().ToLowerInvariant()})"));
            return 0;
        });
        return command;
    }
}
