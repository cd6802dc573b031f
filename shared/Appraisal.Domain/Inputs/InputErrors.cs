namespace Appraisal.Domain.Inputs;

/// <summary>Collects input errors across files; when any is present, nothing is scored.</summary>
public sealed class InputErrors
{
    private readonly List<InputError> _items = [];

    public IReadOnlyList<InputError> Items => _items;

    public bool Any => _items.Count > 0;

    /// <summary>Adds an error with its message in English and in Chinese.</summary>
    public void Add(string file, int line, string field, string message, string messageZh) =>
        _items.Add(new InputError(file, line, field, message, messageZh));
}
