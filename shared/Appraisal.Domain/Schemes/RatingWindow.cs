namespace Appraisal.Domain.Schemes;

/// <summary>When the raters answer in a period: alongside the self-evaluation (自评) or once it is over.</summary>
public enum RatingWindow
{
    /// <summary>Ratings are collected while the subjects evaluate themselves (the default).</summary>
    WithSelfEvaluation,

    /// <summary>Ratings are collected after the self-evaluation, so raters see what was claimed.</summary>
    AfterSelfEvaluation,
}
