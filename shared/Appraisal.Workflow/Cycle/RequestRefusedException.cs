using Appraisal.Domain.Inputs;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Cycle;

/// <summary>A request the workflow refuses before changing anything: which field, what was expected and what was
/// found (in Chinese and English), and the HTTP status it answers with (400, 404, 409 or 422).</summary>
public sealed class RequestRefusedException(int status, string field, string message, string messageZh, IReadOnlyList<InputError>? errors = null)
    : Exception($"{field}: {message}")
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    public string MessageZh { get; } = messageZh;

    /// <summary>Every problem of the input, when there are several (a submission's CSV rows).</summary>
    public IReadOnlyList<InputError> Errors { get; } = errors ?? [];

    public string Text(Language language) => $"{Field}: " + Detail(language);

    /// <summary>What was expected and found, without the field's name (a form shows it beside the field).</summary>
    public string Detail(Language language) => language == Language.En ? Message[(Field.Length + 2)..] : MessageZh;
}
