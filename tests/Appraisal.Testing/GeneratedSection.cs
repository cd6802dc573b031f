using Xunit;

namespace Appraisal.Testing;

/// <summary>A part of a document generated from the code, between two markers: checked to be what the code generates,
/// or — with <c>APPRAISAL_UPDATE_DOCS=1</c> — written in.</summary>
public static class GeneratedSection
{
    public static async Task CheckAsync(string file, string start, string end, string generated)
    {
        var text = await File.ReadAllTextAsync(file);
        var (from, to) = (text.IndexOf(start, StringComparison.Ordinal), text.IndexOf(end, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"{Path.GetFileName(file)}: expected the markers {start} … {end}");
        if (Environment.GetEnvironmentVariable("APPRAISAL_UPDATE_DOCS") == "1")
        {
            text = text[..(from + start.Length)] + "\n" + generated + text[to..];
            await File.WriteAllTextAsync(file, text);
            to = text.IndexOf(end, StringComparison.Ordinal);
        }

        Assert.Equal(generated, text[(from + start.Length + 1)..to]);
    }
}
