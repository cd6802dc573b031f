using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Raters;

/// <summary>One question of a rater's questionnaire: rate <see cref="Subject"/> on <see cref="Indicator"/>, answering
/// in <see cref="Group"/>.</summary>
public sealed record RatingAssignment(RatedIndicator Indicator, RaterGroup Group, AppraisalSubject Subject);
