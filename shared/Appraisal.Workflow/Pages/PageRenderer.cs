using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Appraisal.Workflow.Pages;

/// <summary>Renders a page component to HTML on the server (static rendering, no circuit, no script), the same way in
/// the Functions app and the self-host.</summary>
public static class PageRenderer
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(services);
        var logs = (ILoggerFactory?)services.GetService(typeof(ILoggerFactory)) ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        await using var renderer = new HtmlRenderer(new PageServices(services), logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
        return "<!DOCTYPE html>\n" + html;
    }

    /// <summary>The host's services, with an HTML encoder that leaves Chinese as it is (the default one writes every
    /// character outside Basic Latin as a numeric reference, which triples a page and hides its text from plain
    /// reading); markup characters are still encoded.</summary>
    private sealed class PageServices(IServiceProvider inner) : IServiceProvider
    {
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : inner.GetService(serviceType);
    }
}
