using System.CommandLine;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage;
using Appraisal.Storage.Schemes;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal scheme store FILE [--decided-by ID]</c>: stores a checked scheme as a draft version; with
/// <c>--decided-by</c> records the Party group's decision at once (a decided version never changes).</summary>
internal static class SchemeStoreCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scheme document (JSON)" };
        var decidedBy = new Option<string?>("--decided-by") { Description = "Record the decision now, by this person (for a scheme the Party group already decided)" };
        var language = CommonOptions.Language();
        var command = new Command("store", "Store a scheme version in storage as a draft (or decided)") { file, decidedBy, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, CliText.FileNotFound(lang, path)));
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

            var repository = new SchemeRepository(await StorageSettings.OpenAsync(storage(), cancel));
            var scheme = result.Scheme!;
            var stored = await repository.GetAsync(scheme.Id, scheme.Version, cancel);
            if (stored is null)
            {
                stored = await repository.AddDraftAsync(scheme, cancel);
            }
            else if (stored.Status == SchemeStatus.Draft)
            {
                stored = await repository.UpdateDraftAsync(scheme, stored.ETag, cancel);
            }

            if (parse.GetValue(decidedBy) is { } by && stored.Status != SchemeStatus.Decided)
            {
                stored = await repository.DecideAsync(scheme.Id, scheme.Version, by, DateTimeOffset.UtcNow, stored.ETag, cancel);
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(CliText.Pick(lang,
                $"已存储方案 {scheme.Id} 第 {scheme.Version} 版（{(stored.Status == SchemeStatus.Decided ? "已决定" : "草案")}）",
                $"stored scheme {scheme.Id} version {scheme.Version} ({stored.Status.ToString().ToLowerInvariant()})"));
            return 0;
        });
        return command;
    }
}
