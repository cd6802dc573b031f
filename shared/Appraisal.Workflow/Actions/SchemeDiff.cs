using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Workflow.Actions;

/// <summary>Whether an item was added, removed or changed between two versions of a scheme.</summary>
public enum SchemeChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One property of an item with its value before and after (as the scheme document writes it; none when the
/// item or property was not there).</summary>
public sealed record SchemePropertyChange(string Property, string? Old, string? New);

/// <summary>An item of a scheme that differs: its list (<c>categories</c>, <c>targetIndicators</c>,
/// <c>ratedIndicators</c>, <c>ledgerItems</c>, or <c>scheme</c> for the scheme's own settings), its id and name, and
/// what changed.</summary>
public sealed record SchemeChange(string Section, string Id, LocalizedText? Name, SchemeChangeKind Kind, IReadOnlyList<SchemePropertyChange> Properties);

/// <summary>The difference between two versions of a scheme (方案修订对照): items matched by id within each list, each
/// property compared as the scheme document writes it, so every rule the document holds shows up when it changes.</summary>
public static class SchemeDiff
{
    /// <summary>The lists of items, in the order a scheme document has them.</summary>
    public static IReadOnlyList<string> Lists { get; } = ["categories", "targetIndicators", "ratedIndicators", "ledgerItems"];

    public static IReadOnlyList<SchemeChange> Compare(Scheme before, Scheme after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = JsonSerializer.SerializeToNode(before, DomainJson.Options)!.AsObject();
        var @new = JsonSerializer.SerializeToNode(after, DomainJson.Options)!.AsObject();
        var changes = new List<SchemeChange>();

        // The scheme's own settings: everything but its identity and its lists (grading compared part by part).
        var settings = new List<SchemePropertyChange>();
        foreach (var key in Keys(old, @new).Where(k => k is not ("id" or "version") && !Lists.Contains(k)))
        {
            if (key == "grading" && old[key] is JsonObject og && @new[key] is JsonObject ng)
            {
                settings.AddRange(Properties(og, ng).Select(p => p with { Property = "grading." + p.Property }));
            }
            else if (!JsonNode.DeepEquals(old[key], @new[key]))
            {
                settings.Add(new SchemePropertyChange(key, Show(old[key]), Show(@new[key])));
            }
        }

        if (settings.Count > 0)
        {
            changes.Add(new SchemeChange("scheme", after.Id, after.Name, SchemeChangeKind.Changed, settings));
        }

        foreach (var list in Lists)
        {
            var was = Items(old[list]);
            var now = Items(@new[list]);
            foreach (var (id, item) in now)
            {
                if (!was.TryGetValue(id, out var previous))
                {
                    changes.Add(new SchemeChange(list, id, NameOf(item), SchemeChangeKind.Added, Properties(new JsonObject(), item)));
                }
                else if (!JsonNode.DeepEquals(previous, item))
                {
                    changes.Add(new SchemeChange(list, id, NameOf(item), SchemeChangeKind.Changed, Properties(previous, item)));
                }
            }

            foreach (var (id, item) in was.Where(w => !now.ContainsKey(w.Key)))
            {
                changes.Add(new SchemeChange(list, id, NameOf(item), SchemeChangeKind.Removed, Properties(item, new JsonObject())));
            }
        }

        return changes;
    }

    private static List<SchemePropertyChange> Properties(JsonObject old, JsonObject @new) =>
        Keys(old, @new).Where(k => !JsonNode.DeepEquals(old[k], @new[k])).Select(k => new SchemePropertyChange(k, Show(old[k]), Show(@new[k]))).ToList();

    private static IEnumerable<string> Keys(JsonObject old, JsonObject @new) =>
        old.Select(p => p.Key).Concat(@new.Select(p => p.Key).Where(k => !old.ContainsKey(k)));

    /// <summary>A list's items by id, in document order (an id twice: the first; the validator refuses that anyway).</summary>
    private static Dictionary<string, JsonObject> Items(JsonNode? list)
    {
        var items = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var item in (list as JsonArray ?? []).OfType<JsonObject>())
        {
            if (item["id"] is JsonValue id && id.TryGetValue<string>(out var key))
            {
                items.TryAdd(key, item);
            }
        }

        return items;
    }

    private static LocalizedText? NameOf(JsonObject item) =>
        item["name"] is JsonObject name && name["zh"] is JsonValue zh
            ? new LocalizedText(zh.GetValue<string>(), name["en"] is JsonValue en ? en.GetValue<string>() : string.Empty)
            : null;

    /// <summary>A value as the reader sees it: text as itself, anything else as compact JSON; none when absent.</summary>
    private static string? Show(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonObject { Count: > 0 } o when o.All(p => p.Key is "zh" or "en") => string.Join(" / ", o.Select(p => p.Value?.GetValue<string>())),
        _ => node.ToJsonString(DomainJson.Compact),
    };
}
