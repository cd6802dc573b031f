using System.CommandLine;
using Appraisal.Storage;
using Appraisal.Storage.Evidence;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal evidence put FILE --office X --department D --period P</c> uploads a file for a department's
/// claims of a period and prints the SHA-256 that ledger entries cite; <c>appraisal evidence get HASH --office X -o
/// FILE</c> reads it back, checking the hash. Both go through <see cref="EvidenceActions"/>, as the HTTP endpoints do:
/// the same checks (the department exists, the period is not final, the type by content), the same upload record
/// and audit entry.</summary>
internal static class EvidenceCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The evidence file: PDF, JPEG, PNG, DOCX or XLSX (decided by content)" };
        var office = new Option<string>("--office") { Description = "The office the file is for", Required = true };
        var department = new Option<string>("--department") { Description = "The department whose claims it backs", Required = true };
        var period = new Option<string>("--period") { Description = "The period, such as 2026-Q1 (or 2026 for the year's ledger)", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who uploads (recorded with the upload and in the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var put = new Command("put", "Upload an evidence file for a department's claims; prints its SHA-256, the reference for ledger entries") { file, office, department, period, actor };
        put.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {path.FullName}: file not found");
                return 2;
            }

            await using var services = await CliServices.OpenAsync(storage(), cancel);
            var officeId = parse.GetRequiredValue(office);
            var departmentId = parse.GetRequiredValue(department);
            var limit = services.GetRequiredService<StorageAccount>().Options.MaxEvidenceBytes;
            try
            {
                if (path.Length > limit)
                {
                    throw new EvidenceRejectedException("size", $"expected at most {limit} bytes, found {path.Length}");
                }

                var stored = await services.GetRequiredService<EvidenceActions>().UploadAsync(CliServices.Operator(parse.GetValue(actor) ?? "cli", officeId, departmentId),
                    officeId, parse.GetRequiredValue(period), departmentId, await File.ReadAllBytesAsync(path.FullName, cancel), path.Name, cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{stored.Sha256}  {stored.ContentType}  {stored.Size} bytes  {stored.FileName}");
                return 0;
            }
            catch (Exception ex) when (ex is EvidenceRejectedException or StorageKeyException or RequestRefusedException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message}; nothing stored");
                return 1;
            }
        });

        var hash = new Argument<string>("SHA256") { Description = "The evidence's SHA-256 (64 lowercase hex digits)" };
        var readOffice = new Option<string>("--office") { Description = "The office the file was uploaded for", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the file", Required = true };
        var get = new Command("get", "Read an evidence file back; its hash is checked, a tampered file is refused") { hash, readOffice, output };
        get.SetAction(async (parse, cancel) =>
        {
            await using var services = await CliServices.OpenAsync(storage(), cancel);
            var officeId = parse.GetRequiredValue(readOffice);
            try
            {
                var (content, type) = await services.GetRequiredService<EvidenceActions>().ReadAsync(CliServices.Operator(Environment.UserName, officeId), officeId, parse.GetRequiredValue(hash), cancel);
                await File.WriteAllBytesAsync(parse.GetRequiredValue(output).FullName, content, cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{content.Length} bytes, {type}, hash verified");
                return 0;
            }
            catch (Exception ex) when (ex is EvidenceTamperedException or RequestRefusedException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message.Split('\n')[0]}");
                return 1;
            }
        });

        return new Command("evidence", "Evidence files (证明材料), stored by content hash") { put, get };
    }
}
