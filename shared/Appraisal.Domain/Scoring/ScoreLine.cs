using System.Text.Json.Serialization;

namespace Appraisal.Domain.Scoring;

/// <summary>One line of a scorecard: what it is for, the input it used, the rule's outcome and its points.</summary>
/// <remarks>Figures are held to two decimals (as the scheme rounds them) in fixed point, which keeps a line at
/// 64 bytes: a national quarter holds millions of them.</remarks>
public readonly struct ScoreLine : IEquatable<ScoreLine>
{
    private const long NoInput = long.MinValue;

    private readonly long _raw;
    private readonly long _points;
    private readonly long _input;

    /// <summary>The ledger entry (ledger lines) or the reference (relative targets, a yearly workload share) behind the
    /// line: one field, so a line stays at 64 bytes.</summary>
    private readonly object? _detail;

    /// <param name="category">The category the line counts in.</param>
    /// <param name="kind">What the line accounts for.</param>
    /// <param name="outcome">Which branch of the rule applied.</param>
    /// <param name="raw">Points on the category's own scale (the 0–100 raw scale in a weighted scheme).</param>
    /// <param name="points">Points in the total: <paramref name="raw"/>, times the category weight in a weighted scheme.</param>
    /// <param name="item">The indicator or ledger item id, when there is one.</param>
    /// <param name="input">The input value: metric value, rating, workload share in percent, or quarter score.</param>
    /// <param name="units">Units beyond or short of the target, or occurrences of a ledger item.</param>
    /// <param name="basis">The cases or ratings the input rests on (a quarter's weight for quarter lines).</param>
    /// <param name="entry">The ledger entry behind the line, with its evidence.</param>
    /// <param name="reference">For a relative target, the reference period, its value and the effective target; for a
    /// yearly workload share, the year and the peers' average.</param>
    [JsonConstructor]
    public ScoreLine(string category, LineKind kind, LineOutcome outcome, decimal raw, decimal points,
        string? item = null, decimal? input = null, int units = 0, int basis = 0, LedgerEntry? entry = null, LineReference? reference = null)
    {
        Category = category;
        Kind = kind;
        Outcome = outcome;
        Item = item;
        _raw = Fixed(raw);
        _points = Fixed(points);
        _input = input is { } value ? Fixed(value) : NoInput;
        Units = units;
        Basis = basis;
        _detail = (object?)entry ?? reference;
    }

    /// <summary>A line from figures already in hundredths (the scorer's fast path).</summary>
    internal ScoreLine(string category, LineKind kind, LineOutcome outcome, string? item, long raw, long points, long input, int units, int basis, object? detail)
    {
        Category = category;
        Kind = kind;
        Outcome = outcome;
        Item = item;
        _raw = raw;
        _points = points;
        _input = input;
        Units = units;
        Basis = basis;
        _detail = detail;
    }

    public string Category { get; }

    public LineKind Kind { get; }

    public LineOutcome Outcome { get; }

    public string? Item { get; }

    public decimal Raw => _raw / 100m;

    public decimal Points => _points / 100m;

    public decimal? Input => _input == NoInput ? null : _input / 100m;

    public int Units { get; }

    public int Basis { get; }

    public LedgerEntry? Entry => _detail as LedgerEntry;

    public LineReference? Reference => _detail as LineReference;

    /// <summary>Points in hundredths, for exact sums without decimal arithmetic.</summary>
    internal long PointsHundredths => _points;

    internal long RawHundredths => _raw;

    public static bool operator ==(ScoreLine left, ScoreLine right) => left.Equals(right);

    public static bool operator !=(ScoreLine left, ScoreLine right) => !left.Equals(right);

    public bool Equals(ScoreLine other) =>
        Category == other.Category && Kind == other.Kind && Outcome == other.Outcome && Item == other.Item && _raw == other._raw
        && _points == other._points && _input == other._input && Units == other.Units && Basis == other.Basis && Equals(_detail, other._detail);

    public override bool Equals(object? obj) => obj is ScoreLine other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Category, Kind, Item, _points, _input, Units, _detail);

    internal static long Fixed(decimal value) => (long)Math.Round(value * 100m, 0, MidpointRounding.AwayFromZero);

    internal static long FixedOrNone(decimal? value) => value is { } v ? Fixed(v) : NoInput;
}
