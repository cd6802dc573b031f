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

    /// <summary>One of the office's departments (a select of its departments), or none.</summary>
    Department,
}

/// <summary>One field of a row (or of the scheme itself): its key, a JSON path below the row, and how it is entered.
/// <paramref name="EmptyChoice"/>: the text key of a choice's empty option (<c>Scheme.Choice.default</c> unless given).</summary>
public sealed record SchemeField(string Key, SchemeFieldKind Kind, IReadOnlyList<string>? Choices = null, bool DefaultFlag = false, string? EmptyChoice = null)
{
    /// <summary>The text key of a choice: its own, or for the empty one <see cref="EmptyChoice"/>.</summary>
    public string ChoiceKey(string choice) => choice.Length > 0 ? "Scheme.Choice." + choice : EmptyChoice ?? "Scheme.Choice.default";
}

/// <summary>A list of the scheme edited as rows (categories, indicators, ledger items, grade thresholds), at a JSON
/// path of the document; <paramref name="Nested"/>: a list inside each row, edited as rows of its own (a rated
/// indicator's rater groups).</summary>
public sealed record SchemeSection(string Path, IReadOnlyList<SchemeField> Fields, SchemeSection? Nested = null);

/// <summary>The scheme drafting form (方案制定) as the browser holds it: every value as entered (text), so a form sent
/// back with errors shows exactly what was typed. It becomes a scheme document by replacing the parts it edits in the
/// stored document (what it does not show — staff categories, leader workload, year-end weights, and of a row kept by its
/// id the fields not shown, such as a count's case weights — is kept as stored);
/// that document is then checked by the same reader as the API's, and each error's JSON path leads back to its field.</summary>
public sealed class SchemeForm
{
    private static readonly string[] Metrics = ["caseCount", "closureRate", "overdueRate", "averageHandlingDays", "flaggedCount"];

    public static IReadOnlyList<SchemeField> Scalars { get; } =
    [
        new("name.zh", SchemeFieldKind.Text),
        new("name.en", SchemeFieldKind.Text),
        new("mode", SchemeFieldKind.Choice, ["basePlusAdjustment", "weighted"]),
        new("decimals", SchemeFieldKind.Number),
        new("grading.excellentQuotaPercent", SchemeFieldKind.Number),
        new("ratingWindow", SchemeFieldKind.Choice, ["withSelfEvaluation", "afterSelfEvaluation"]),
    ];

    /// <summary>A rated indicator's rater groups: who rates (a department for <c>department</c>), k, the name.</summary>
    public static SchemeSection RaterGroups { get; } = new("raterGroups", [new("group", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text),
        new("name.en", SchemeFieldKind.Text), new("weight", SchemeFieldKind.Number),
        new("raters", SchemeFieldKind.Choice, ["", "sameDepartment", "departmentHead", "officeLeaders", "allStaff", "department", "external"], EmptyChoice: "Scheme.Choice.notStated"),
        new("departmentId", SchemeFieldKind.Department), new("minResponses", SchemeFieldKind.Number)]);

    public static IReadOnlyList<SchemeSection> Sections { get; } =
    [
        new("categories", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("base", SchemeFieldKind.Number), new("weight", SchemeFieldKind.Number), new("performance", SchemeFieldKind.Flag)]),
        new("targetIndicators", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("metric", SchemeFieldKind.Choice, Metrics), new("better", SchemeFieldKind.Choice, ["", "higher", "lower"]),
            new("target", SchemeFieldKind.Number), new("points", SchemeFieldKind.Number), new("unit", SchemeFieldKind.Number),
            new("bonusPerUnit", SchemeFieldKind.Number), new("bonusCap", SchemeFieldKind.Number), new("bonusUncapped", SchemeFieldKind.Flag), new("deductionPerUnit", SchemeFieldKind.Number),
            new("deductionCap", SchemeFieldKind.Number), new("filter.caseTypes", SchemeFieldKind.List), new("filter.flags", SchemeFieldKind.List)]),
        new("ratedIndicators", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("points", SchemeFieldKind.Number), new("fallbackRating", SchemeFieldKind.Number),
            new("dropExtremes", SchemeFieldKind.Flag)], RaterGroups),
        new("ledgerItems", [new("id", SchemeFieldKind.Text), new("name.zh", SchemeFieldKind.Text), new("name.en", SchemeFieldKind.Text),
            new("category", SchemeFieldKind.Category), new("kind", SchemeFieldKind.Choice, ["bonus", "deduction"]), new("points", SchemeFieldKind.Number),
            new("upliftPercent", SchemeFieldKind.Number), new("cap", SchemeFieldKind.Number), new("evidenceRequired", SchemeFieldKind.Flag, DefaultFlag: true),
            new("yearEndOnly", SchemeFieldKind.Flag)]),
        new("grading.thresholds", [new("grade", SchemeFieldKind.Choice, ["excellent", "good", "competent"]), new("min", SchemeFieldKind.Number)]),
    ];

    /// <summary>The most rows one section holds (a scheme rarely has more than a few dozen items).</summary>
    public const int MaxRows = 200;

    /// <summary>The most rows a list inside a row holds (an indicator has a handful of rater groups).</summary>
    public const int MaxNestedRows = 20;

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

        void Fill(string path, SchemeSection spec, JsonArray items)
        {
            rows[path] = items.Count;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i] as JsonObject;
                foreach (var field in spec.Fields)
                {
                    values[Name(path, i, field.Key)] = Text(item is null ? null : Find(item, field.Key), field);
                }

                if (spec.Nested is { } nested)
                {
                    Fill(Name(path, i, nested.Path), nested, item?[nested.Path] as JsonArray ?? []);
                }
            }
        }

        foreach (var section in Sections)
        {
            Fill(section.Path, section, Find(root, section.Path) as JsonArray ?? []);
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

        void Take(string path, SchemeSection spec, int most)
        {
            var count = int.TryParse(get(path + ".rows"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, most) : 0;
            rows[path] = count;
            for (var i = 0; i < count; i++)
            {
                foreach (var field in spec.Fields)
                {
                    var name = Name(path, i, field.Key);
                    var value = (get(name) ?? string.Empty).Trim();
                    values[name] = field.Kind == SchemeFieldKind.Flag ? (value.Length > 0 ? "true" : "false") : value;
                }

                if (!string.IsNullOrEmpty(get(Row(path, i) + ".remove")))
                {
                    removed.Add(Row(path, i));
                }

                if (spec.Nested is { } nested)
                {
                    Take(Name(path, i, nested.Path), nested, MaxNestedRows);
                }
            }
        }

        foreach (var section in Sections)
        {
            Take(section.Path, section, MaxRows);
        }

        return new SchemeForm(values, rows, removed);
    }

    /// <summary>The same form with an empty row more at the end of <paramref name="section"/> (up to the limit): a
    /// section, or a list inside one of its rows (<c>ratedIndicators[1].raterGroups</c>). A new row with a list inside
    /// starts with one empty row of it.</summary>
    public SchemeForm WithEmptyRow(string section)
    {
        var (spec, most) = (Sections.FirstOrDefault(s => s.Path == section), MaxRows);
        if (spec is null && Sections.FirstOrDefault(s => s.Nested is not null && section.StartsWith(s.Path + "[", StringComparison.Ordinal)) is { } outer
            && Enumerable.Range(0, Rows(outer.Path)).Any(i => section == Name(outer.Path, i, outer.Nested!.Path)))
        {
            (spec, most) = (outer.Nested, MaxNestedRows);
        }

        if (spec is null || Rows(section) >= most)
        {
            return this;
        }

        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(_rows, StringComparer.Ordinal);
        void Empty(string path, SchemeSection of)
        {
            var row = rows.GetValueOrDefault(path);
            rows[path] = row + 1;
            foreach (var field in of.Fields)
            {
                values[Name(path, row, field.Key)] = field.Kind == SchemeFieldKind.Flag ? (field.DefaultFlag ? "true" : "false") : string.Empty;
            }

            if (of.Nested is { } nested)
            {
                Empty(Name(path, row, nested.Path), nested);
            }
        }

        Empty(section, spec);
        return new SchemeForm(values, rows, _removed);
    }

    /// <summary>For a form as shown (nothing removed), each list's rows as the document's: what
    /// <see cref="FieldOf"/> needs to lead an error about the stored document to its field.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> AsShown() =>
        _rows.ToDictionary(r => r.Key, r => (IReadOnlyList<int>)Enumerable.Range(0, r.Value).ToList(), StringComparer.Ordinal);

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
        JsonArray Build(string path, SchemeSection spec, JsonArray? stored)
        {
            var array = new JsonArray();
            var rows = new List<int>();
            for (var i = 0; i < Rows(path); i++)
            {
                if (Removed(Row(path, i)) || IsEmpty(path, i, spec))
                {
                    continue;
                }

                // A row starts as the stored row with the same key (id, group or grade), so what the form does not show of
                // it (a count's case weights, a filter's statuses) is kept; the fields it shows then replace theirs.
                var key = this[Name(path, i, spec.Fields[0].Key)];
                var item = stored?.OfType<JsonObject>().FirstOrDefault(r => key.Length > 0 && Find(r, spec.Fields[0].Key) is JsonValue v
                    && v.TryGetValue<string>(out var k) && k == key)?.DeepClone().AsObject() ?? new JsonObject();
                foreach (var field in spec.Fields)
                {
                    Put(item, field.Key, Value(this[Name(path, i, field.Key)], field));
                }

                if (spec.Nested is { } nested)
                {
                    item[nested.Path] = Build(Name(path, i, nested.Path), nested, item[nested.Path] as JsonArray);
                }

                array.Add(item);
                rows.Add(i);
            }

            map[path] = rows;
            return array;
        }

        foreach (var section in Sections)
        {
            Put(root, section.Path, Build(section.Path, section, Find(root, section.Path) as JsonArray));
        }

        kept = map;
        return root.ToJsonString(DomainJson.Options);
    }

    /// <summary>A row left empty: nothing entered but its ticks, and every row of the list inside it removed or empty.</summary>
    private bool IsEmpty(string path, int row, SchemeSection spec) =>
        spec.Fields.All(f => f.Kind == SchemeFieldKind.Flag || this[Name(path, row, f.Key)].Length == 0)
        && (spec.Nested is not { } nested || Enumerable.Range(0, Rows(Name(path, row, nested.Path)))
            .All(i => Removed(Row(Name(path, row, nested.Path), i)) || IsEmpty(Name(path, row, nested.Path), i, nested)));

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
            if (rest == section.Path || rest.StartsWith(section.Path + "[", StringComparison.Ordinal))
            {
                return FieldIn(section.Path, section, rest[section.Path.Length..], kept);
            }
        }

        return null;
    }

    /// <summary>The field of the list at form path <paramref name="path"/> that <paramref name="rest"/> (the document's
    /// path below the list: <c>[1].points</c>) concerns, else its row, else the list.</summary>
    private static string FieldIn(string path, SchemeSection spec, string rest, IReadOnlyDictionary<string, IReadOnlyList<int>> kept)
    {
        var close = rest.IndexOf(']', StringComparison.Ordinal);
        if (!rest.StartsWith('[') || close < 0 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !kept.TryGetValue(path, out var rows) || index >= rows.Count)
        {
            return path;
        }

        var row = rows[index];
        var below = rest[(close + 1)..].TrimStart('.');
        if (spec.Nested is { } nested && (below == nested.Path || below.StartsWith(nested.Path + "[", StringComparison.Ordinal)))
        {
            return FieldIn(Name(path, row, nested.Path), nested, below[nested.Path.Length..], kept);
        }

        var field = below.Length == 0 ? null : spec.Fields.FirstOrDefault(f => Concerns(f.Key, below));
        return field is null ? Row(path, row) : Name(path, row, field.Key);
    }

    /// <summary>Whether a path below a row (or the scheme) lies in the field <paramref name="key"/>, or is the object the
    /// field is part of (<c>name</c> for <c>name.zh</c>, when its required text is missing).</summary>
    private static bool Concerns(string key, string path) =>
        path == key || path.StartsWith(key + ".", StringComparison.Ordinal) || path.StartsWith(key + "[", StringComparison.Ordinal) || key.StartsWith(path + ".", StringComparison.Ordinal);

    private static string Text(JsonNode? node, SchemeField field) => field.Kind switch
    {
        SchemeFieldKind.Flag => node is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : (field.DefaultFlag ? "true" : "false"),
        SchemeFieldKind.List => node is JsonArray a ? string.Join(", ", a.Select(x => x?.GetValue<string>() ?? string.Empty)) : string.Empty,
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
