using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;

namespace Appraisal.Domain.Tests.Schemes;

/// <summary>A small valid scheme document to break one rule at a time.</summary>
internal static class SchemeJson
{
    /// <summary>Two categories (a 60, b 40), a target indicator in a, a rated indicator in b, a bonus item in a.</summary>
    public const string Minimal = """
        {
          "id": "minimal",
          "version": 1,
          "name": { "zh": "最小方案", "en": "Minimal scheme" },
          "subjectKind": "department",
          "categories": [
            { "id": "a", "name": { "zh": "业务" }, "base": 60, "performance": true },
            { "id": "b", "name": { "zh": "共性" }, "base": 40 }
          ],
          "targetIndicators": [
            { "id": "t1", "name": { "zh": "办结率" }, "category": "a", "metric": "closureRate", "target": 95, "points": 20,
              "bonusPerUnit": 0.5, "bonusCap": 2.5, "deductionPerUnit": 1, "deductionCap": 20 }
          ],
          "ratedIndicators": [
            { "id": "r1", "name": { "zh": "民主测评" }, "category": "b", "points": 10,
              "raterGroups": [ { "group": "staff", "weight": 50 }, { "group": "leaders", "weight": 50 } ] }
          ],
          "ledgerItems": [
            { "id": "l1", "name": { "zh": "表彰" }, "category": "a", "kind": "bonus", "points": 1, "upliftPercent": 20, "cap": 3.6 }
          ],
          "grading": {
            "thresholds": [
              { "grade": "excellent", "min": 90 },
              { "grade": "good", "min": 80 },
              { "grade": "competent", "min": 60 }
            ],
            "excellentQuotaPercent": 20
          },
          "yearEnd": { "quarterWeights": [25, 25, 25, 25] }
        }
        """;

    /// <summary>Reads <see cref="Minimal"/> after <paramref name="change"/>.</summary>
    public static SchemeValidationResult Read(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Minimal)!.AsObject();
        change(root);
        return SchemeDocument.Read(root.ToJsonString());
    }

    /// <summary>Turns <see cref="Minimal"/> into a person scheme for quota prosecutors.</summary>
    public static void MakePersonScheme(JsonObject root)
    {
        root["subjectKind"] = "person";
        root["staffCategories"] = new JsonArray("quotaProsecutor");
        root["officeLevel"] = "basic";
    }
}
