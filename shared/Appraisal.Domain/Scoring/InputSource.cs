namespace Appraisal.Domain.Scoring;

/// <summary>Where an input row came from (file and line), so every point traces back to its data.</summary>
public readonly record struct InputSource(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
