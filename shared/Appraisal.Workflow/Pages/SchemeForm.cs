using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Workflow.Pages;

/// <summary>How a scheme field is entered in the drafting form.</summary>
public enum SchemeFieldKind
{
    Text,
    Number,
    Flag,
    Choice,

    /// <summary>One of the scheme's own categories (a select of the ids entered in the form).</summary>
    Category,

    /// <summary>Words separated by commas: an array of strings.</summary>
    List,

    /// <summary>Rater groups as <c>group:weight</c> separated by commas.</summary>
    Groups,
}

/// <summary>One field of a row (or of the scheme itself): its key, a JSON path below the row, and how it is entered.</summary>
public sealed record SchemeField(string Key, SchemeFieldKind Kind, IReadOnlyList<string>? Choices = null, bool DefaultFlag = false);

/// <summary>A list of the scheme edited as rows (categories, indicators, ledger items, grade thresholds), at a JSON
/// path of the document.</summary>
public sealed record SchemeSection(string Path, IReadOnlyList<SchemeField> Fields);

/// <summary>The scheme drafting form (方案制定) as the browser holds it: every value as entered (text), so a form sent
/// back with errors shows exactly what was typed. It becomes a scheme document by replacing the parts it edits in the
/// stored document (what it does not show — staff categories, leader workload, year-end weights — is kept as stored);
/// that document is then checked by the same reader as the API's, and each error's JSON path leads back to its field.</summary>
public sealed class SchemeForm
{
    private static readonly string[] Metrics = ["caseCount", "closureRate", "overdueRate", "averageHandlingDays", "flaggedCount"];

    public static IReadOnlyList<SchemeField> Scalars { get; } =
    [
        new("name.zh", SchemeFieldKind.Text),
        new("name.en", SchemeFieldKind.Text),
        new("mode", SchemeFieldKind.Choice, ["basePlusAdjustment", "weighted"]),
        new("grading.excellentQuotaPercent", SchemeFieldKind.Number),
    ];

    public static IReadOnlyList<SchemeSection> Sections { get; } =
    [
        new("categories", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("base", SchemeFieldKind.Number), new("weight", SchemeFieldKind.Number), new("performance", SchemeFieldKind.Flag)]),
        new("targetIndicators", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("metric", SchemeFieldKind.Choice, Metrics), new("better", SchemeFieldKind.Choice, ["", "higher", "lower"]),
            new("target", SchemeFieldKind.Number), new("points", SchemeFieldKind.Number), new("unit", SchemeFieldKind.Number),
            new("bonusPerUnit", SchemeFieldKind.Number), new("bonusCap", SchemeFieldKind.Number), new("deductionPerUnit", SchemeFieldKind.Number),
            new("deductionCap", SchemeFieldKind.Number), new("filter.caseTypes", SchemeFieldKind.List), new("filter.flags", SchemeFieldKind.List)]),
        new("ratedIndicators", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("points", SchemeFieldKind.Number), new("raterGroups", SchemeFieldKind.Groups),
            new("dropExtremes", SchemeFieldKind.Flag)]),
        new("ledgerItems", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("kind", SchemeFieldKind.Choice, ["bonus", "deduction"]), new("points", SchemeFieldKind.Number),
            new("upliftPercent", SchemeFieldKind.Number), new("cap", SchemeFieldKind.Number), new("evidenceRequired", SchemeFieldKind.Flag, DefaultFlag: true),
            new("yearEndOnly", SchemeFieldKind.Flag)]),
        new("grading.thresholds", [new("grade", SchemeFieldKind.Choice, ["excellent", "good", "competent"]), new("min", SchemeFieldKind.Number)]),
    ];

    /// <summary>The most rows one section holds (a scheme rarely has more than a few dozen items).</summary>
    public const int MaxRows = 200;

    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, int> _rows;
    private readonly HashSet<string> _removed;

    private SchemeForm(Dictionary<string, string> values, Dictionary<string, int> rows, HashSet<string> removed)
    {
        _values = values;
        _rows = rows;
        _removed = removed;
    }

    /// <summary>The value entered in a field, by its name (<c>name.zh</c>, <c>targetIndicators[2].points</c>).</summary>
    public string this[string name] => _values.GetValueOrDefault(name, string.Empty);

    public int Rows(string section) => _rows.GetValueOrDefault(section);

    /// <summary>Whether the row (<c>ledgerItems[3]</c>) is marked to be removed.</summary>
    public bool Removed(string row) => _removed.Contains(row);

    public static string Name(string section, int row, string key) => $"{section}[{row.ToString(CultureInfo.InvariantCulture)}].{key}";

    public static string Row(string section, int row) => $"{section}[{row.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The category ids entered, for the selects of the rows that name a category.</summary>
    public IReadOnlyList<string> CategoryIds() =>
        Enumerable.Range(0, Rows("categories")).Where(i => !Removed(Row("categories", i))).Select(i => this[Name("categories", i, "id")]).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The form filled from a stored scheme.</summary>
    public static SchemeForm From(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var root = JsonSerializer.SerializeToNode(scheme, DomainJson.Options)!.AsObject();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Scalars)
        {
            values[field.Key] = Text(Find(root, field.Key), field);
        }

        foreach (var section in Sections)
        {
            var items = Find(root, section.Path) as JsonArray ?? [];
            rows[section.Path] = items.Count;
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var field in section.Fields)
                {
                    values[Name(section.Path, i, field.Key)] = Text(items[i] is JsonObject item ? Find(item, field.Key) : null, field);
                }
            }
        }

        return new SchemeForm(values, rows, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>The form as the browser sent it: each section's row count (hidden <c>{section}.rows</c>), every field,
    /// checkboxes present or not, and the rows marked for removal.</summary>
    public static SchemeForm Read(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in Scalars)
        {
            values[field.Key] = (get(field.Key) ?? string.Empty).Trim();
        }

        foreach (var section in Sections)
        {
            var count = int.TryParse(get(section.Path + ".rows"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, MaxRows) : 0;
            rows[section.Path] = count;
            for (var i = 0; i < count; i++)
            {
                foreach (var field in section.Fields)
                {
                    var name = Name(section.Path, i, field.Key);
                    var value = (get(name) ?? string.Empty).Trim();
                    values[name] = field.Kind == SchemeFieldKind.Flag ? (value.Length > 0 ? "true" : "false") : value;
                }

                if (!string.IsNullOrEmpty(get(Row(section.Path, i) + ".remove")))
                {
                    removed.Add(Row(section.Path, i));
                }
            }
        }

        return new SchemeForm(values, rows, removed);
    }

    /// <summary>The same form with an empty row more at the end of <paramref name="section"/> (up to the limit).</summary>
    public SchemeForm WithEmptyRow(string section)
    {
        var spec = Sections.FirstOrDefault(s => s.Path == section);
        if (spec is null || Rows(section) >= MaxRows)
        {
            return this;
        }

        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(_rows, StringComparer.Ordinal) { [section] = Rows(section) + 1 };
        foreach (var field in spec.Fields)
        {
            values[Name(section, Rows(section), field.Key)] = field.Kind == SchemeFieldKind.Flag ? (field.DefaultFlag ? "true" : "false") : string.Empty;
        }

        return new SchemeForm(values, rows, _removed);
    }

    /// <summary>The scheme document the form makes of <paramref name="stored"/>: the fields it shows replaced, rows
    /// marked for removal and rows left empty dropped. <paramref name="kept"/> gives, for each section, the form row
    /// of each row of the document (to lead an error's path back to the row it was entered in).</summary>
    public string ToDocument(Scheme stored, out IReadOnlyDictionary<string, IReadOnlyList<int>> kept)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var root = JsonSerializer.SerializeToNode(stored, DomainJson.Options)!.AsObject();
        foreach (var field in Scalars)
        {
            Put(root, field.Key, Value(this[field.Key], field));
        }

        var map = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            var array = new JsonArray();
            var rows = new List<int>();
            for (var i = 0; i < Rows(section.Path); i++)
            {
                if (Removed(Row(section.Path, i)) || section.Fields.All(f => f.Kind == SchemeFieldKind.Flag || this[Name(section.Path, i, f.Key)].Length == 0))
                {
                    continue;
                }

                var item = new JsonObject();
                foreach (var field in section.Fields)
                {
                    Put(item, field.Key, Value(this[Name(section.Path, i, field.Key)], field));
                }

                if (section.Path == "ratedIndicators")
                {
                    KeepUnshown(item, Find(root, section.Path) as JsonArray);
                }

                array.Add(item);
                rows.Add(i);
            }

            Put(root, section.Path, array);
            map[section.Path] = rows;
        }

        kept = map;
        return root.ToJsonString(DomainJson.Options);
    }

    /// <summary>What the form does not show of a rated indicator — its fallback rating, its groups' names, raters and
    /// minimum responses — kept as stored for the indicator and groups of the same ids.</summary>
    private static void KeepUnshown(JsonObject item, JsonArray? stored)
    {
        var id = item["id"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (stored?.OfType<JsonObject>().FirstOrDefault(o => o["id"] is JsonValue s && s.TryGetValue<string>(out var sid) && sid == id) is not { } before)
        {
            return;
        }

        if (before["fallbackRating"] is { } fallback && !item.ContainsKey("fallbackRating"))
        {
            item["fallbackRating"] = fallback.DeepClone();
        }

        var groupsBefore = before["raterGroups"] as JsonArray ?? [];
        foreach (var group in (item["raterGroups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = group["group"]?.ToJsonString();
            if (groupsBefore.OfType<JsonObject>().FirstOrDefault(g => g["group"]?.ToJsonString() == name) is not { } was)
            {
                continue;
            }

            foreach (var (key, value) in was.ToList())
            {
                if (!group.ContainsKey(key) && value is not null)
                {
                    group[key] = value.DeepClone();
                }
            }
        }
    }

    /// <summary>The form field an error's JSON path concerns (<c>$.targetIndicators[1].points</c> →
    /// <c>targetIndicators[1].points</c> of the form row the document's row came from), else the row or the section it
    /// lies in (<c>targetIndicators[1]</c>, <c>categories</c>); null when the form shows nothing of it.</summary>
    public static string? FieldOf(string path, IReadOnlyDictionary<string, IReadOnlyList<int>> kept)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(kept);
        var rest = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? string.Empty : path;
        if (rest.Length > 0 && Scalars.FirstOrDefault(f => Concerns(f.Key, rest)) is { } scalar)
        {
            return scalar.Key;
        }

        foreach (var section in Sections)
        {
            if (rest == section.Path)
            {
                return section.Path;
            }

            if (!rest.StartsWith(section.Path + "[", StringComparison.Ordinal))
            {
                continue;
            }

            var close = rest.IndexOf(']', section.Path.Length);
            if (close < 0 || !int.TryParse(rest.AsSpan(section.Path.Length + 1, close - section.Path.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !kept.TryGetValue(section.Path, out var rows) || index >= rows.Count)
            {
                return section.Path;
            }

            var below = rest[(close + 1)..].TrimStart('.');
            var field = below.Length == 0 ? null : section.Fields.FirstOrDefault(f => Concerns(f.Key, below));
            return field is null ? Row(section.Path, rows[index]) : Name(section.Path, rows[index], field.Key);
        }

        return null;
    }

    /// <summary>Whether a path below a row (or the scheme) lies in the field <paramref name="key"/>, or is the object the
    /// field is part of (<c>name</c> for <c>name.zh</c>, when its required text is missing).</summary>
    private static bool Concerns(string key, string path) =>
        path == key || path.StartsWith(key + ".", StringComparison.Ordinal) || path.StartsWith(key + "[", StringComparison.Ordinal) || key.StartsWith(path + ".", StringComparison.Ordinal);

    private static string Text(JsonNode? node, SchemeField field) => field.Kind switch
    {
        SchemeFieldKind.Flag => node is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : (field.DefaultFlag ? "true" : "false"),
        SchemeFieldKind.List => node is JsonArray a ? string.Join(", ", a.Select(x => x?.GetValue<string>() ?? string.Empty)) : string.Empty,
        SchemeFieldKind.Groups => node is JsonArray g
            ? string.Join(", ", g.OfType<JsonObject>().Select(o => $"{o["group"]?.GetValue<string>()}:{o["weight"]?.ToJsonString()}"))
            : string.Empty,
        _ => node switch
        {
            null => string.Empty,
            JsonValue s when s.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        },
    };

    /// <summary>An entered value as JSON: numbers that read as numbers (anything else stays text, for the document's
    /// check to name), lists split at commas; empty is left out, so a required field left empty is reported missing.</summary>
    private static JsonNode? Value(string text, SchemeField field)
    {
        if (field.Kind == SchemeFieldKind.Flag)
        {
            return JsonValue.Create(text == "true");
        }

        if (text.Length == 0)
        {
            return null;
        }

        return field.Kind switch
        {
            SchemeFieldKind.Number => Number(text),
            SchemeFieldKind.List => new JsonArray(Split(text).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            SchemeFieldKind.Groups => new JsonArray(Split(text).Select(pair =>
            {
                var at = pair.IndexOfAny([':', '：']);
                var group = new JsonObject { ["group"] = at < 0 ? pair : pair[..at].Trim() };
                if (at >= 0)
                {
                    group["weight"] = Number(pair[(at + 1)..].Trim());
                }

                return (JsonNode?)group;
            }).ToArray()),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonNode Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);

    private static IEnumerable<string> Split(string text) => text.Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? at = root;
        foreach (var part in path.Split('.'))
        {
            at = at is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return at;
    }

    /// <summary>Sets (or, for null, removes) the value at a dotted path, making the objects on the way.</summary>
    private static void Put(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var at = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (at[parts[i]] is not JsonObject next)
            {
                if (value is null)
                {
                    return;
                }

                next = new JsonObject();
                at[parts[i]] = next;
            }

            at = next;
        }

        if (value is null)
        {
            at.Remove(parts[^1]);
        }
        else
        {
            at[parts[^1]] = value;
        }
    }
}
