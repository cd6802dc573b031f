namespace Appraisal.Storage;

/// <summary>A write to a record that can no longer change: a decided scheme version, a final result, an audit entry.</summary>
public sealed class ImmutableRecordException(string record, string reason) : InvalidOperationException($"{record}: {reason}")
{
    public string Record { get; } = record;
}
