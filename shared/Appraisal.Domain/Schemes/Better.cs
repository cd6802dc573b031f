namespace Appraisal.Domain.Schemes;

/// <summary>Which way of a target is better.</summary>
public enum Better
{
    Higher,
    Lower,
}
