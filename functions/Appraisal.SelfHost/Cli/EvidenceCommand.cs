using System.CommandLine;
using Appraisal.Storage;
using Appraisal.Storage.Evidence;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal evidence put FILE</c> stores a file and prints the SHA-256 that ledger entries cite;
/// <c>appraisal evidence get HASH -o FILE</c> reads it back, checking the hash.</summary>
internal static class EvidenceCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The evidence file: PDF, JPEG, PNG, DOCX or XLSX (decided by content)" };
        var actor = new Option<string>("--actor") { Description = "Who uploads (recorded with the upload)", DefaultValueFactory = _ => Environment.UserName };
        var put = new Command("put", "Store an evidence file; prints its SHA-256, the reference for ledger entries") { file, actor };
        put.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {path.FullName}: file not found");
                return 2;
            }

            var account = await StorageSettings.OpenAsync(storage(), cancel);
            try
            {
                await using var content = path.OpenRead();
                var stored = await new EvidenceStore(account).PutAsync(content, path.Name, parse.GetValue(actor) ?? "cli", DateTimeOffset.UtcNow, cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{stored.Sha256}  {stored.ContentType}  {stored.Size} bytes  {stored.FileName}");
                return 0;
            }
            catch (Exception ex) when (ex is EvidenceRejectedException or StorageKeyException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message}; nothing stored");
                return 1;
            }
        });

        var hash = new Argument<string>("SHA256") { Description = "The evidence's SHA-256 (64 lowercase hex digits)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the file", Required = true };
        var get = new Command("get", "Read an evidence file back; its hash is checked, a tampered file is refused") { hash, output };
        get.SetAction(async (parse, cancel) =>
        {
            var account = await StorageSettings.OpenAsync(storage(), cancel);
            try
            {
                var (content, type) = await new EvidenceStore(account).OpenAsync(parse.GetRequiredValue(hash), cancel);
                await File.WriteAllBytesAsync(parse.GetRequiredValue(output).FullName, content, cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{content.Length} bytes, {type}, hash verified");
                return 0;
            }
            catch (Exception ex) when (ex is EvidenceTamperedException or ArgumentException or Azure.RequestFailedException { Status: 404 })
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message.Split('\n')[0]}");
                return 1;
            }
        });

        return new Command("evidence", "Evidence files (证明材料), stored by content hash") { put, get };
    }
}
