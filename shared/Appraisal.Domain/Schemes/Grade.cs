namespace Appraisal.Domain.Schemes;

/// <summary>Appraisal grades: 优秀 Excellent, 良好 Good, 合格 Competent, 不合格 Fail.</summary>
public enum Grade
{
    Excellent,
    Good,
    Competent,
    Fail,
}
