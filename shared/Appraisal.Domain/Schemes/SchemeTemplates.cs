using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Domain.Schemes;

/// <summary>The ready-made schemes distilled from the source documents (DOMAIN.md, templates A–D).</summary>
public static class SchemeTemplates
{
    /// <summary>Template letters with a one-line description.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = "基层院岗位目标管理（部门）业务60/共性30/规章10 — basic office post-target management, departments",
        ["B"] = "检察官办案绩效 司法办案70%/作风10%/技能10%/操守10% — prosecutor case handling, weighted",
        ["C"] = "公务员平时考核 德能勤绩廉 — civil-servant regular appraisal",
        ["D"] = "检察官绩效考评细则 八个方面 — prosecutor evaluation rules, eight aspects",
    };

    /// <summary>The scheme document (JSON text) of template <paramref name="letter"/> (A–D).</summary>
    public static string Json(string letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!Descriptions.ContainsKey(letter))
        {
            throw new ArgumentOutOfRangeException(nameof(letter), letter, "expected a template letter A, B, C or D");
        }

        return SchemeDocument.ReadResource($"Appraisal.Domain.Templates.template-{letter.ToLowerInvariant()}.json");
    }

    public static Scheme Load(string letter) => SchemeDocument.Parse(Json(letter));
}
