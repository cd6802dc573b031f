using Appraisal.Domain.Text;
using Appraisal.Workflow.Pages;
using Appraisal.Workflow.Pages.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>Every refused form opens with the same errors block: announced, one line per error naming its field, each
/// linking to where the form puts it — or to nothing where the form has no such field.</summary>
public sealed class FormErrorsTests
{
    private static async Task<string> RenderAsync(IReadOnlyList<FieldMessage> errors, Func<FieldMessage, string?>? link = null)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var parameters = new Dictionary<string, object?> { ["Language"] = Language.Zh, ["Errors"] = errors };
        if (link is not null)
        {
            parameters["Link"] = link;
        }

        return await PageRenderer.RenderAsync<FormErrors>(services, parameters);
    }

    [Fact]
    public async Task EachError_LinksToItsField_AndTheBlockIsAnnounced()
    {
        var html = await RenderAsync([new FieldMessage("reason", "异议须说明理由"), new FieldMessage("subjectId", "只能对本人结果提出异议")]);

        Assert.Contains("role=\"alert\" id=\"errors\"", html, StringComparison.Ordinal);
        Assert.Contains("<li data-field=\"reason\"><a href=\"#reason\">异议须说明理由</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li data-field=\"subjectId\"><a href=\"#subjectId\">只能对本人结果提出异议</a></li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorWithoutAField_IsPlainText_AndNoErrors_RenderNothing()
    {
        var html = await RenderAsync([new FieldMessage("Authorization", "无权操作")], _ => null);

        Assert.Contains("<li data-field=\"Authorization\">无权操作</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", await RenderAsync([]), StringComparison.Ordinal);
    }
}
