using System.Text.RegularExpressions;
using Appraisal.Functions.Tests.Metadata;

namespace Appraisal.Functions.Tests.Architecture;

/// <summary>Workflow code and the hosts reach storage only through the repositories of <c>shared/Appraisal.Storage</c>:
/// no table or blob client, no container or table handle taken from the storage account. The source files are read,
/// so a raw handle is caught whichever project it is written in.</summary>
public sealed partial class StorageAccessTests
{
    /// <summary>The code that must go through repositories: the workflow and both hosts.</summary>
    private static readonly string[] Scanned = [Path.Combine("shared", "Appraisal.Workflow"), "functions"];

    /// <summary>Hosting code, which may build the storage account and hand it to repositories.</summary>
    private static readonly string[] Hosting =
    [
        Path.Combine("shared", "Appraisal.Workflow", "Hosting"),
        Path.Combine("functions", "Appraisal.SelfHost", "Hosting"),
        Path.Combine("functions", "Appraisal.SelfHost", "Cli"),
    ];

    [Fact]
    public void WorkflowAndHosts_UseNoTableOrBlobHandle()
    {
        var files = SourceFiles();

        var found = files.SelectMany(f => RawAccess(File.ReadAllText(f)).Select(hit => $"{Relative(f)}: {hit}")).ToList();

        Assert.True(files.Count > 100, $"expected the workflow's and hosts' source files, found {files.Count}");
        Assert.True(found.Count == 0, "expected storage reached through a repository of shared/Appraisal.Storage, found raw handles:\n" + string.Join('\n', found));
    }

    [Fact]
    public void TheStorageAccount_IsNamedOnlyByHostingCode()
    {
        var found = SourceFiles()
            .Where(f => !Hosting.Any(h => Relative(f).StartsWith(h + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(f => StorageAccount().IsMatch(File.ReadAllText(f)))
            .Select(Relative)
            .ToList();

        Assert.True(found.Count == 0, "expected StorageAccount only where hosts build repositories (" + string.Join(", ", Hosting) + "), found it in:\n" + string.Join('\n', found));
    }

    [Theory]
    [InlineData("var blob = account.Container(ContainerNames.Reports).GetBlobClient(name);")]
    [InlineData("await services.GetRequiredService<StorageAccount>().Container(ContainerNames.Keys).ExistsAsync();")]
    [InlineData("private readonly TableClient _table = account.Table(TableNames.Audit);")]
    [InlineData("var history = new TableServiceClient(connection).GetTableClient(hub + \"History\");")]
    [InlineData("internal static async Task<BlobClient> LatestAsync()")]
    [InlineData("BlobContainerClient container = Open();")]
    [InlineData("var block = container.GetBlockBlobClient(name);")]
    [InlineData("using Azure.Storage.Blobs.Models;")]
    [InlineData("using Azure.Data.Tables;")]
    [InlineData("var client = account.Blobs.GetBlobContainerClient(\"reports\");")]
    public void ARawHandle_IsFound(string line) => Assert.NotEmpty(RawAccess(line));

    [Theory]
    [InlineData("await reports.PutAsync(PublicNotice.BlobName(request), content, PublicNotice.ContentType, cancel);")]
    [InlineData("var tables = ScorecardExport.Tables(org, scheme, cards, language);")]
    [InlineData("$\"{manifest.Tables.Count} tables, {manifest.Containers.Count} containers\"")]
    [InlineData("StorageAccountClientProvider = new StorageAccountClientProvider(connection),")]
    [InlineData("var stored = await reports.GetAsync(AnnualArchive.BlobName(officeId, y), cancel);")]
    public void RepositoryUse_IsNotFound(string line) => Assert.Empty(RawAccess(line));

    /// <summary>Each raw table or blob access in a source text, as written.</summary>
    private static List<string> RawAccess(string source) => RawHandle().Matches(source).Select(m => m.Value).Distinct().ToList();

    private static List<string> SourceFiles() =>
        Scanned.Select(Repository.PathOf)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !Relative(f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);

    /// <summary>The Azure SDK's table and blob clients and namespaces, and the storage account's container and table
    /// handles.</summary>
    [GeneratedRegex(@"\b(?:Table|TableService|BlobContainer|BlobService|Blob|BlockBlob|BlobBase|AppendBlob|PageBlob)Client\b|\bGet(?:Table|BlobContainer|Blob|BlockBlob|AppendBlob|PageBlob)Client\b|\bAzure\.(?:Data\.Tables|Storage\.Blobs)\b|\.(?:Container|Table)\(")]
    private static partial Regex RawHandle();

    [GeneratedRegex(@"\bStorageAccount\b")]
    private static partial Regex StorageAccount();
}
