using System.CommandLine;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal scheme validate FILE</c> and <c>appraisal scheme new --template A|B|C|D</c>.</summary>
internal static class SchemeCommands
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scheme document (JSON) to check" };
        var validate = new Command("validate", "Check a scheme: every error with its JSON path; warnings do not fail") { file };
        validate.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: {path.FullName}: file not found");
                return 2;
            }

            var result = SchemeDocument.Read(await File.ReadAllTextAsync(path.FullName, cancel));
            foreach (var issue in result.Issues.OrderBy(i => i.Severity))
            {
                await (issue.Severity == Domain.Schemes.Validation.IssueSeverity.Error ? error : output).WriteLineAsync($"{path.Name}: {issue}");
            }

            if (!result.IsValid)
            {
                await error.WriteLineAsync($"{path.Name}: invalid — {result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s)");
                return 1;
            }

            var scheme = result.Scheme!;
            await output.WriteLineAsync($"{path.Name}: valid — {scheme.Name} v{scheme.Version}, {scheme.Categories.Count} categories, " +
                $"{scheme.TargetIndicators.Count + scheme.RatedIndicators.Count} indicators, {scheme.LedgerItems.Count} ledger items, {result.Warnings.Count()} warning(s)");
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
