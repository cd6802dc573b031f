using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Pages;

/// <summary>One result in a dossier: the scorecard, whether it is final, and the scheme version that explains its lines.</summary>
public sealed record DossierResult(Scorecard Card, bool Final, Scheme? Scheme);
