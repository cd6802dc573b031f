using System.Text.Json.Serialization;

namespace Appraisal.Domain.Scoring;

/// <summary>One line of a scorecard: what it is for, the input it used, the rule's outcome and its points.</summary>
/// <remarks>Figures are held in fixed point, in ten-thousandths (enough for a scheme's 4 decimals at most), which keeps
/// a line at 64 bytes — a national quarter holds millions of them — and sums of lines exact. The scorer rounds a line's
/// points to the scheme's decimals once, when it makes the line; the fixed point itself never rounds them again.</remarks>
public readonly struct ScoreLine : IEquatable<ScoreLine>
{
    private const long NoInput = long.MinValue;

    /// <summary>Fixed-point units per point: figures are held in ten-thousandths.</summary>
    internal const long Scale = 10_000;

    private const decimal ScaleDecimal = Scale;

    /// <summary>Fixed-point units of the last decimal kept, by decimals 0–4 (10,000 for whole points … 1 for ten-thousandths).</summary>
    private static readonly long[] UnitOf = [10_000, 1_000, 100, 10, 1];

    /// <summary>Points per unit of the last decimal kept, by decimals 0–4.</summary>
    private static readonly decimal[] Steps = [1m, 10m, 100m, 1_000m, 10_000m];

    /// <summary>1 / <see cref="UnitOf"/>, by decimals 0–4.</summary>
    private static readonly decimal[] PerUnit = [0.0001m, 0.001m, 0.01m, 0.1m, 1m];

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

    /// <summary>A line from figures already in fixed point (the scorer's fast path).</summary>
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

    public decimal Raw => _raw / ScaleDecimal;

    public decimal Points => _points / ScaleDecimal;

    public decimal? Input => _input == NoInput ? null : _input / ScaleDecimal;

    public int Units { get; }

    public int Basis { get; }

    public LedgerEntry? Entry => _detail as LedgerEntry;

    public LineReference? Reference => _detail as LineReference;

    /// <summary>Points in fixed point (<see cref="Scale"/>), for exact sums without decimal arithmetic.</summary>
    internal long PointsFixed => _points;

    internal long RawFixed => _raw;

    public static bool operator ==(ScoreLine left, ScoreLine right) => left.Equals(right);

    public static bool operator !=(ScoreLine left, ScoreLine right) => !left.Equals(right);

    public bool Equals(ScoreLine other) =>
        Category == other.Category && Kind == other.Kind && Outcome == other.Outcome && Item == other.Item && _raw == other._raw
        && _points == other._points && _input == other._input && Units == other.Units && Basis == other.Basis && Equals(_detail, other._detail);

    public override bool Equals(object? obj) => obj is ScoreLine other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Category, Kind, Item, _points, _input, Units, _detail);

    /// <summary>A value in fixed point, to the nearest ten-thousandth (a figure already rounded to 4 decimals or fewer is kept exactly).</summary>
    internal static long Fixed(decimal value) => (long)Math.Round(value * ScaleDecimal, 0, MidpointRounding.AwayFromZero);

    /// <summary>A value rounded half away from zero (四舍五入) to <paramref name="decimals"/> (0–4), in fixed point.</summary>
    internal static long Fixed(decimal value, int decimals)
    {
        return (long)Math.Round(value * Steps[decimals], 0, MidpointRounding.AwayFromZero) * UnitOf[decimals];
    }

    /// <summary>A fixed-point value times <paramref name="factor"/> (a category weight), rounded half away from zero to
    /// <paramref name="decimals"/>, in fixed point.</summary>
    internal static long Weigh(long value, decimal factor, int decimals) =>
        (long)Math.Round(value * factor * PerUnit[decimals], 0, MidpointRounding.AwayFromZero) * UnitOf[decimals];

    /// <summary>A fixed-point value back as a decimal.</summary>
    internal static decimal ToDecimal(long value) => value / ScaleDecimal;

    internal static long FixedOrNone(decimal? value) => value is { } v ? Fixed(v) : NoInput;
}
