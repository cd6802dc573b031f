using System.Diagnostics;
using System.Text.Json;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>The Functions app as published, read once for every test of the run: the folder named by
/// <c>FUNCTIONS_PUBLISH_DIR</c> when set (scripts/test.sh publishes before the tests), otherwise a fresh
/// <c>dotnet publish -c Release</c> into a temporary folder. functions.metadata is what the Functions host reads to
/// find the functions, so it — not the code — is what the tests hold to the catalogs.</summary>
public sealed class PublishedApp : IDisposable
{
    public const string DirectoryVariable = "FUNCTIONS_PUBLISH_DIR";

    private readonly TempFolder? _temp;

    public PublishedApp()
    {
        var given = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrWhiteSpace(given))
        {
            _temp = new TempFolder();
            Folder = _temp.Path;
            Publish(Folder);
        }
        else
        {
            Folder = Path.GetFullPath(given);
        }

        var metadata = Path.Combine(Folder, "functions.metadata");
        if (!File.Exists(metadata))
        {
            throw new InvalidOperationException($"{DirectoryVariable}: expected a published Functions app with functions.metadata in '{Folder}', found none");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        Functions = document.RootElement.EnumerateArray().Select(PublishedFunction.From).ToList();
    }

    public string Folder { get; }

    public IReadOnlyList<PublishedFunction> Functions { get; }

    /// <summary>The function of that name; fails the test when there is none (or more than one).</summary>
    public PublishedFunction Function(string name) => Assert.Single(Functions, f => f.Name == name);

    public void Dispose() => _temp?.Dispose();

    private static void Publish(string output)
    {
        // The dotnet that runs the tests, when it says; the one on PATH otherwise.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", Path.Combine("functions", "Appraisal.Functions"), "-c", "Release", "-o", output, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{dotnet}'");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
