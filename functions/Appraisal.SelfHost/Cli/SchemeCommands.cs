using System.CommandLine;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal scheme validate FILE</c> and <c>appraisal scheme new --template A|B|C|D</c>.</summary>
internal static class SchemeCommands
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scheme document (JSON) to check" };
        var language = CommonOptions.Language();
        var validate = new Command("validate", "Check a scheme: every error with its JSON path; warnings do not fail") { file, language };
        validate.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            var lang = parse.GetValue(language);
            if (!path.Exists)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.FileNotFound(lang, path)));
                return 2;
            }

            var result = SchemeDocument.Read(await File.ReadAllTextAsync(path.FullName, cancel));
            foreach (var issue in result.Issues.OrderBy(i => i.Severity))
            {
                await (issue.Severity == IssueSeverity.Error ? error : output).WriteLineAsync($"{path.Name}: {issue.ToString(lang)}");
            }

            var errors = result.Errors.Count();
            var warnings = result.Warnings.Count();
            if (!result.IsValid)
            {
                await error.WriteLineAsync(CliText.Pick(lang,
                    $"{path.Name}: 无效 — {errors} 个错误，{warnings} 个警告",
                    $"{path.Name}: invalid — {errors} error(s), {warnings} warning(s)"));
                return 1;
            }

            var scheme = result.Scheme!;
            var indicators = scheme.TargetIndicators.Count + scheme.RatedIndicators.Count;
            await output.WriteLineAsync(CliText.Pick(lang,
                $"{path.Name}: 有效 — {scheme.Name.In(Language.Zh)} 第{scheme.Version}版，{scheme.Categories.Count} 个类别，{indicators} 个指标，{scheme.LedgerItems.Count} 个台帐项目，{warnings} 个警告",
                $"{path.Name}: valid — {scheme.Name} v{scheme.Version}, {scheme.Categories.Count} categories, " +
                $"{indicators} indicators, {scheme.LedgerItems.Count} ledger items, {warnings} warning(s)"));
            return 0;
        });

        var template = new Option<string>("--template", "-t") { Description = "The template: " + string.Join("; ", SchemeTemplates.Descriptions.Select(d => $"{d.Key} {d.Value}")), Required = true };
        template.AcceptOnlyFromAmong("A", "B", "C", "D", "a", "b", "c", "d");
        var outputFile = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the scheme (default: standard output)" };
        var create = new Command("new", "Write a ready-made scheme from a template of the source documents") { template, outputFile };
        create.SetAction(async (parse, cancel) =>
        {
            var json = SchemeTemplates.Json(parse.GetRequiredValue(template));
            if (parse.GetValue(outputFile) is { } target)
            {
                if (target.Exists)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {target.FullName} exists; not overwritten");
                    return 2;
                }

                target.Directory?.Create();
                await File.WriteAllTextAsync(target.FullName, json, cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {target.FullName}");
            }
            else
            {
                await parse.InvocationConfiguration.Output.WriteAsync(json);
            }

            return 0;
        });

        return new Command("scheme", "Appraisal schemes (考核方案): validate, create from a template") { validate, create };
    }
}
