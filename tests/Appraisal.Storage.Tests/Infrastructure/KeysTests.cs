using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Tests.Infrastructure;

public sealed class KeysTests
{
    [Theory]
    [InlineData("D/02", "expected no '/', '\\', '#' or '?' (storage keys forbid them), found '/'")]
    [InlineData("D\\02", "expected no '/', '\\', '#' or '?' (storage keys forbid them), found '\\'")]
    [InlineData("D#02", "expected no '/', '\\', '#' or '?' (storage keys forbid them), found '#'")]
    [InlineData("D?02", "expected no '/', '\\', '#' or '?' (storage keys forbid them), found '?'")]
    [InlineData("D\u000002", "expected no control characters, found U+0000")]
    [InlineData("D\t02", "expected no control characters, found U+0009")]
    [InlineData("D\u007f02", "expected no control characters, found U+007F")]
    [InlineData("D\u008502", "expected no control characters, found U+0085")]
    [InlineData("D~02", "expected no '~' (it separates key parts)")]
    [InlineData("", "expected a value, found an empty one")]
    public void AComponentThatCannotBeInAKey_IsRefused_NamingTheField(string value, string reason)
    {
        var refused = Assert.Throws<StorageKeyException>(() => Keys.Join("departmentId", "sample-basic", value));

        Assert.Equal("departmentId", refused.Field);
        Assert.Equal("departmentId", refused.ParamName);
        Assert.Equal(value, refused.Value);
        Assert.Equal(reason, refused.Reason);
        Assert.StartsWith("departmentId: " + reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AControlCharacter_IsShownEscapedInTheMessage()
    {
        var refused = Assert.Throws<StorageKeyException>(() => Keys.Join("subjectId", "E\u00010001"));

        Assert.Contains("found 'E\\u00010001'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyOfMoreThanOneKiB_IsRefused_CountingUtf8Bytes()
    {
        Assert.Equal(new string('a', 600) + "~" + new string('b', 423), Keys.Join("scorecard", new string('a', 600), new string('b', 423)));
        Assert.Equal(1023, Keys.Join("personId", new string('汉', 341)).Length * 3);

        var ascii = Assert.Throws<StorageKeyException>(() => Keys.Join("scorecard", new string('a', 600), new string('b', 424)));
        var chinese = Assert.Throws<StorageKeyException>(() => Keys.Join("personId", new string('汉', 342)));

        Assert.Equal("scorecard", ascii.Field);
        Assert.Equal("expected a key of at most 1 KiB", ascii.Reason);
        Assert.Equal(1025, ascii.Value.Length);
        Assert.Equal("personId", chinese.Field);
        Assert.Equal("expected a key of at most 1 KiB", chinese.Reason);
    }

    [Fact]
    public void ComponentsAreJoinedWithTheSeparator_AndTheUpperBoundFollowsEveryKeyWithThePrefix()
    {
        var key = Keys.Join("scorecard", "2026-Q1", "template-b", "E0005");
        var bound = Keys.UpperBound("2026-Q1~template-b");

        Assert.Equal("2026-Q1~template-b~E0005", key);
        Assert.Equal("2026-Q1~template-b\u007f", bound);
        Assert.True(string.CompareOrdinal(key, bound) < 0);
        Assert.True(string.CompareOrdinal("2026-Q1~template-b~\uffff", bound) < 0);
        Assert.True(string.CompareOrdinal("2026-Q1~template-bb~E0005", bound) < 0);
        Assert.True(string.CompareOrdinal("2026-Q1~template-bb~E0005", "2026-Q1~template-b~") < 0);
    }
}
