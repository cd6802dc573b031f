using Appraisal.Domain.Cycles;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Actions;

/// <summary>The stages as people call them (Chinese by default).</summary>
public static class StageNames
{
    public static string Zh(CycleStage stage) => Of(stage, Language.Zh);

    public static string Of(CycleStage stage, Language language) => language == Language.En ? stage.ToString() : stage switch
    {
        CycleStage.Started => "启动",
        CycleStage.SchemeDecision => "方案决定",
        CycleStage.SelfEvaluation => "自查自评",
        CycleStage.Verification => "核查",
        CycleStage.Correction => "退回补正",
        CycleStage.Scoring => "计分",
        CycleStage.Combining => "年度汇总",
        CycleStage.Decision => "党组审议",
        CycleStage.Publication => "公示",
        CycleStage.ObjectionReview => "异议复核",
        CycleStage.Final => "结果确定",
        CycleStage.Bulletin => "通报编制",
        CycleStage.Published => "通报已发布",
        CycleStage.Rating => "民主测评",
        _ => "各院考核",
    };
}
