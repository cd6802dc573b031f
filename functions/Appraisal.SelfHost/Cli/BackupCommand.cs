using System.CommandLine;
using System.Security.Cryptography;
using Appraisal.Storage;
using Appraisal.Storage.Backup;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal backup -o FILE</c>: every table and container of the configured storage (its prefix) into one
/// zip with a manifest of SHA-256s; <c>appraisal restore FILE</c>: back into an empty storage, every hash checked
/// first (the host keys in it are encrypted with <c>Backup__Passphrase</c>, or left out without one);
/// <c>appraisal keys new</c>: a fresh signing key (base64 of 32 random bytes) for a key rotation.</summary>
internal static class BackupCommand
{
    public static IEnumerable<Command> Build(Func<StorageOptions> storage)
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "The backup file to write (zip)", Required = true };
        var backup = new Command("backup", "Back up the appraisal records: every table row and blob under the storage prefix, with a manifest of SHA-256s") { output };
        backup.SetAction(async (parse, cancel) =>
        {
            var file = parse.GetRequiredValue(output);
            var account = await StorageSettings.OpenAsync(storage(), cancel);
            var partial = file.FullName + ".partial";
            BackupManifest manifest;
            await using (var stream = File.Create(partial))
            {
                manifest = await StorageBackup.WriteAsync(account, stream, DateTimeOffset.UtcNow, BackupOptions.FromEnvironment(), cancel);
            }

            File.Move(partial, file.FullName, overwrite: true);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"backed up prefix '{manifest.Prefix}': {manifest.Tables.Values.Sum()} rows in {manifest.Tables.Count} tables, {manifest.Containers.Values.Sum()} blobs in {manifest.Containers.Count} containers, to {file.FullName}"
                + (manifest.Keys is not null ? "; the host keys encrypted with the backup passphrase"
                    : manifest.KeysLeftOut > 0 ? $"; {manifest.KeysLeftOut} host key(s) left out (set Backup__Passphrase to keep them, encrypted)" : string.Empty));
            return 0;
        });

        var input = new Argument<FileInfo>("FILE") { Description = "A backup written by 'appraisal backup'" };
        var restore = new Command("restore", "Restore a backup into the configured storage, which must be empty (a new prefix or account); nothing is written if any file's hash does not match") { input };
        restore.SetAction(async (parse, cancel) =>
        {
            var file = parse.GetRequiredValue(input);
            if (!file.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {file.FullName}: file not found");
                return 2;
            }

            var account = await StorageSettings.OpenAsync(storage(), cancel);
            try
            {
                await using var stream = file.OpenRead();
                var manifest = await StorageBackup.RestoreAsync(account, stream, BackupOptions.FromEnvironment(), cancel);
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"restored the backup of {manifest.CreatedAt:O} (prefix '{manifest.Prefix}') into prefix '{account.Options.Prefix}': {manifest.Tables.Values.Sum()} rows, {manifest.Containers.Values.Sum()} blobs");
                return 0;
            }
            catch (BackupRefusedException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message}; nothing restored");
                return 1;
            }
        });

        var newKey = new Command("new", "Print a new signing key: base64 of 32 random bytes, for Auth__SigningKey or Approvals__SigningKey");
        newKey.SetAction(parse => parse.InvocationConfiguration.Output.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        return [backup, restore, new Command("keys", "Signing keys") { newKey }];
    }
}
