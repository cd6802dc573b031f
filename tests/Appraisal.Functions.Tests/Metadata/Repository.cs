namespace Appraisal.Functions.Tests.Metadata;

/// <summary>The repository the tests run in, found from the test assembly's folder upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appraisal.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"expected Appraisal.Functions.sln above '{AppContext.BaseDirectory}', found none");
    }
}
