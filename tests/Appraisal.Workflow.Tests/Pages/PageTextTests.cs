using Appraisal.Domain.Text;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>The pages' two languages stay complete: every text in Chinese has its English and the other way round, and
/// every kind of to-do item has its wording in both.</summary>
public sealed class PageTextTests
{
    [Fact]
    public void ChineseAndEnglish_HoldTheSameKeys_WithDifferentTexts()
    {
        var zh = PageText.Keys(Language.Zh);
        var en = PageText.Keys(Language.En);

        Assert.NotEmpty(zh);
        Assert.Equal(zh.Order(StringComparer.Ordinal), en.Order(StringComparer.Ordinal));
        Assert.Equal("我的待办", PageText.Get(Language.Zh, "ToDo.Title"));
        Assert.Equal("My to-do list", PageText.Get(Language.En, "ToDo.Title"));
        // A text with words is translated (one of placeholders and punctuation only is the same in both).
        Assert.All(zh.Where(k => PageText.Get(Language.Zh, k).Any(char.IsLetter)), k => Assert.NotEqual(PageText.Get(Language.Zh, k), PageText.Get(Language.En, k)));
    }

    [Fact]
    public void EveryKindOfToDoItem_IsWorded_InBothLanguages()
    {
        foreach (var kind in Enum.GetValues<ToDoKind>())
        {
            foreach (var language in new[] { Language.Zh, Language.En })
            {
                Assert.Contains("Task." + kind, PageText.Keys(language));
            }
        }
    }
}
