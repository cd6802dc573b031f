using System.Globalization;
using System.Text.Json;

namespace Appraisal.Domain.Schemes.Json;

/// <summary>The Chinese for a JSON Schema error of a scheme document. JsonSchema.Net words its errors in English and
/// leaves some figures out (enum lists no values), so the Chinese is built from the keyword, the keyword's value in
/// the scheme's JSON Schema and the value found in the document: what was expected and what was found.</summary>
internal static class SchemaMessages
{
    private static readonly Lazy<JsonElement> Schema = new(() =>
    {
        using var document = JsonDocument.Parse(SchemeDocument.SchemaText);
        return document.RootElement.Clone();
    });

    /// <summary>The Chinese for the error <paramref name="english"/> of <paramref name="keyword"/> at the JSON Pointer
    /// <paramref name="pointer"/> of <paramref name="root"/>; the English itself for a keyword not mapped here.</summary>
    public static string Chinese(string keyword, string english, JsonElement root, string pointer)
    {
        var segments = Segments(pointer);
        if (Find(root, segments) is not { } found || SchemaAt(segments, root) is not { } schema
            || !schema.TryGetProperty(keyword, out var expected))
        {
            return english;
        }

        return keyword switch
        {
            "type" => $"应为 {TypeNames(expected)}，实际为 {TypeName(found)}",
            "required" when found.ValueKind == JsonValueKind.Object && Missing(expected, found) is { Count: > 0 } missing =>
                $"缺少必填属性 {string.Join("、", missing.Select(m => $"'{m}'"))}",
            "minimum" => $"应不小于 {expected.GetRawText()}，实际为 {Value(found)}",
            "maximum" => $"应不大于 {expected.GetRawText()}，实际为 {Value(found)}",
            "exclusiveMinimum" => $"应大于 {expected.GetRawText()}，实际为 {Value(found)}",
            "exclusiveMaximum" => $"应小于 {expected.GetRawText()}，实际为 {Value(found)}",
            "enum" when expected.ValueKind == JsonValueKind.Array =>
                $"应为以下之一：{string.Join("、", expected.EnumerateArray().Select(Plain))}，实际为 {Value(found)}",
            "pattern" => $"应匹配正则表达式 {Plain(expected)}，实际为 {Value(found)}",
            "minItems" when found.ValueKind == JsonValueKind.Array =>
                $"应至少有 {expected.GetRawText()} 项，实际为 {found.GetArrayLength().ToString(CultureInfo.InvariantCulture)} 项",
            "maxItems" when found.ValueKind == JsonValueKind.Array =>
                $"应至多有 {expected.GetRawText()} 项，实际为 {found.GetArrayLength().ToString(CultureInfo.InvariantCulture)} 项",
            "uniqueItems" when found.ValueKind == JsonValueKind.Array && Duplicate(found) is { } pair =>
                $"各项应互不相同，实际 [{pair.First.ToString(CultureInfo.InvariantCulture)}] 与 [{pair.Second.ToString(CultureInfo.InvariantCulture)}] 重复：{Value(found[pair.Second])}",
            "minLength" when found.ValueKind == JsonValueKind.String =>
                $"应至少有 {expected.GetRawText()} 个字符，实际为 {Length(found).ToString(CultureInfo.InvariantCulture)} 个",
            "maxLength" when found.ValueKind == JsonValueKind.String =>
                $"应至多有 {expected.GetRawText()} 个字符，实际为 {Length(found).ToString(CultureInfo.InvariantCulture)} 个",
            _ => english,
        };
    }

    private static List<string> Segments(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToList();

    /// <summary>The value at <paramref name="segments"/> of the document, or null when there is none.</summary>
    private static JsonElement? Find(JsonElement root, List<string> segments)
    {
        var at = root;
        foreach (var segment in segments)
        {
            if (at.ValueKind == JsonValueKind.Object && at.TryGetProperty(segment, out var child))
            {
                at = child;
            }
            else if (at.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < at.GetArrayLength())
            {
                at = at[index];
            }
            else
            {
                return null;
            }
        }

        return at;
    }

    /// <summary>The schema that applies at <paramref name="segments"/>, following properties, items and local $refs
    /// (the scheme's schema uses no combinators); null when it cannot be told.</summary>
    private static JsonElement? SchemaAt(List<string> segments, JsonElement root)
    {
        var schema = Resolve(Schema.Value);
        var instance = root;
        foreach (var segment in segments)
        {
            if (schema is not { ValueKind: JsonValueKind.Object } s)
            {
                return null;
            }

            if (instance.ValueKind == JsonValueKind.Array && s.TryGetProperty("items", out var items))
            {
                schema = Resolve(items);
                instance = instance[int.Parse(segment, NumberStyles.None, CultureInfo.InvariantCulture)];
            }
            else if (instance.ValueKind == JsonValueKind.Object && s.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty(segment, out var property))
            {
                schema = Resolve(property);
                instance = instance.GetProperty(segment);
            }
            else
            {
                return null;
            }
        }

        return schema;
    }

    private static JsonElement? Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 8; hops++)
        {
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$ref", out var reference))
            {
                return schema;
            }

            var target = reference.GetString();
            if (target is null || !target.StartsWith('#') || Find(Schema.Value, Segments(target[1..])) is not { } next)
            {
                return null;
            }

            schema = next;
        }

        return null;
    }

    private static List<string> Missing(JsonElement required, JsonElement instance) =>
        required.EnumerateArray()
            .Select(r => r.GetString() ?? string.Empty)
            .Where(name => !instance.TryGetProperty(name, out _))
            .ToList();

    private static (int First, int Second)? Duplicate(JsonElement array)
    {
        var items = array.EnumerateArray().ToList();
        for (var j = 1; j < items.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (JsonElement.DeepEquals(items[i], items[j]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static int Length(JsonElement text) => (text.GetString() ?? string.Empty).EnumerateRunes().Count();

    private static string TypeNames(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" 或 ", type.EnumerateArray().Select(Plain))
        : Plain(type);

    /// <summary>The JSON type of a value as JSON Schema names it; a number without a fraction is an integer.</summary>
    private static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetDecimal(out var d) && d == decimal.Truncate(d) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>A value found in the document: strings quoted as in every other message ('x'), the rest as JSON;
    /// an object or array only by its start, as it may be large.</summary>
    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Object or JsonValueKind.Array when value.GetRawText() is { Length: > 60 } raw => raw[..60] + "…",
        _ => value.GetRawText(),
    };

    /// <summary>A value of the schema: strings bare, the rest as JSON.</summary>
    private static string Plain(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
}
