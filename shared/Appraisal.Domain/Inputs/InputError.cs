namespace Appraisal.Domain.Inputs;

/// <summary>A problem in an input file: where (file, line, field or JSON path) and what was expected and found.</summary>
public sealed record InputError(string File, int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Field}: {Message}" : $"{File}: {Field}: {Message}";
}
