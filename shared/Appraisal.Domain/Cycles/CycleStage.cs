using System.Text.Json.Serialization;

namespace Appraisal.Domain.Cycles;

/// <summary>The stages an appraisal runs through (考核流程), in order; every action belongs to one of them and is refused
/// at any other. Written by name wherever it is stored or shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CycleStage>))]
public enum CycleStage
{
    /// <summary>Recorded, its orchestration not yet at a stage.</summary>
    Started,

    /// <summary>方案决定: the Party group decides the office's submitted scheme draft.</summary>
    SchemeDecision,

    /// <summary>自查自评: departments (and their people) evaluate themselves before the deadline.</summary>
    SelfEvaluation,

    /// <summary>核查: the appraisal office verifies each submission.</summary>
    Verification,

    /// <summary>退回补正: a returned submission is corrected by its department.</summary>
    Correction,

    /// <summary>计分: scorecards are computed.</summary>
    Scoring,

    /// <summary>年度汇总: the year's quarters are combined.</summary>
    Combining,

    /// <summary>党组审议: the Party group's members vote on the results, round by round.</summary>
    Decision,

    /// <summary>公示: the results are published and objections filed during the objection period.</summary>
    Publication,

    /// <summary>异议复核: the appraisal office reviews the objections.</summary>
    ObjectionReview,

    /// <summary>结果确定: the results are final and cannot change.</summary>
    Final,

    /// <summary>月度通报: a month's bulletin is being composed.</summary>
    Bulletin,

    /// <summary>通报已发布: the month's bulletin is out.</summary>
    Published,

    /// <summary>A province's fan-out: its offices' cycles are running.</summary>
    Offices,

    /// <summary>民主测评: the cycle waits for the rating window to close and its ballots to be sealed before scoring.</summary>
    Rating,
}
