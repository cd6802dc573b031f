namespace Appraisal.Domain.Cases;

/// <summary>Case records held column by column, with handlers, departments, case types and flags interned,
/// so that millions of records aggregate without allocating.</summary>
public sealed class CaseLog
{
    private readonly Dictionary<string, int> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _departments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _caseTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly List<string> _classNames = [];
    private readonly List<string> _handlerIds = [];
    private readonly List<string> _departmentIds = [];
    private readonly List<string> _caseTypeNames = [];
    private readonly List<string> _flagNames = [];

    private string[] _caseIds;
    private int[] _handler;
    private int[] _department;
    private int[] _caseType;
    private int[] _class;
    private int[] _accepted;
    private int[] _closed;
    private int[] _due;
    private uint[] _flagMask;

    public const int Open = int.MaxValue;

    public const int MaxFlags = 32;

    public CaseLog(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _caseIds = new string[capacity];
        _handler = new int[capacity];
        _department = new int[capacity];
        _caseType = new int[capacity];
        _class = new int[capacity];
        _accepted = new int[capacity];
        _closed = new int[capacity];
        _due = new int[capacity];
        _flagMask = new uint[capacity];
    }

    public int Count { get; private set; }

    public IReadOnlyList<string> HandlerIds => _handlerIds;

    public IReadOnlyList<string> DepartmentIds => _departmentIds;

    public IReadOnlyList<string> CaseTypes => _caseTypeNames;

    public IReadOnlyList<string> Flags => _flagNames;

    /// <summary>The case classes (案件类别) seen; the empty name stands for a case without one.</summary>
    public IReadOnlyList<string> Classes => _classNames;

    internal ReadOnlySpan<int> Handler => _handler.AsSpan(0, Count);

    internal ReadOnlySpan<int> Department => _department.AsSpan(0, Count);

    internal ReadOnlySpan<int> CaseType => _caseType.AsSpan(0, Count);

    internal ReadOnlySpan<int> Class => _class.AsSpan(0, Count);

    internal ReadOnlySpan<int> AcceptedDay => _accepted.AsSpan(0, Count);

    /// <summary>Day numbers of closing, <see cref="Open"/> for open cases.</summary>
    internal ReadOnlySpan<int> ClosedDay => _closed.AsSpan(0, Count);

    internal ReadOnlySpan<int> DueDay => _due.AsSpan(0, Count);

    internal ReadOnlySpan<uint> FlagMask => _flagMask.AsSpan(0, Count);

    public static CaseLog From(IEnumerable<CaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var log = new CaseLog(records.TryGetNonEnumeratedCount(out var count) ? count : 1024);
        foreach (var record in records)
        {
            log.Add(record);
        }

        return log;
    }

    public void Add(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Add(record.CaseId, record.HandlerId, record.DepartmentId, record.CaseType, record.Accepted, record.Closed, record.TimeLimit, record.QualityFlags, record.Class);
    }

    public void Add(string caseId, string handlerId, string departmentId, string caseType, DateOnly accepted, DateOnly? closed, DateOnly timeLimit, IReadOnlyList<string> flags,
        string? caseClass = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (Count == _caseIds.Length)
        {
            Grow();
        }

        uint mask = 0;
        foreach (var flag in flags)
        {
            mask |= 1u << FlagIndex(flag);
        }

        var i = Count++;
        _caseIds[i] = caseId;
        _handler[i] = Intern(_handlers, _handlerIds, handlerId);
        _department[i] = Intern(_departments, _departmentIds, departmentId);
        _caseType[i] = Intern(_caseTypes, _caseTypeNames, caseType);
        _class[i] = Intern(_classes, _classNames, caseClass ?? string.Empty);
        _accepted[i] = accepted.DayNumber;
        _closed[i] = closed?.DayNumber ?? Open;
        _due[i] = timeLimit.DayNumber;
        _flagMask[i] = mask;
    }

    /// <summary>The record at <paramref name="index"/>, rebuilt for display and tracing.</summary>
    public CaseRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var flags = new List<string>();
            for (var f = 0; f < _flagNames.Count; f++)
            {
                if ((_flagMask[index] & (1u << f)) != 0)
                {
                    flags.Add(_flagNames[f]);
                }
            }

            return new CaseRecord
            {
                CaseId = _caseIds[index],
                HandlerId = _handlerIds[_handler[index]],
                DepartmentId = _departmentIds[_department[index]],
                CaseType = _caseTypeNames[_caseType[index]],
                Accepted = DateOnly.FromDayNumber(_accepted[index]),
                Closed = _closed[index] == Open ? null : DateOnly.FromDayNumber(_closed[index]),
                TimeLimit = DateOnly.FromDayNumber(_due[index]),
                QualityFlags = flags,
                Class = _classNames[_class[index]] is { Length: > 0 } name ? name : null,
            };
        }
    }

    public int FindCaseType(string caseType) => _caseTypes.GetValueOrDefault(caseType, -1);

    public int FindFlag(string flag) => _flags.GetValueOrDefault(flag, -1);

    private int FlagIndex(string flag)
    {
        if (_flags.TryGetValue(flag, out var index))
        {
            return index;
        }

        if (_flagNames.Count == MaxFlags)
        {
            throw new InvalidOperationException($"expected at most {MaxFlags} distinct quality flags, found more (the next was '{flag}')");
        }

        return Intern(_flags, _flagNames, flag);
    }

    private static int Intern(Dictionary<string, int> index, List<string> names, string value)
    {
        if (!index.TryGetValue(value, out var id))
        {
            id = names.Count;
            index.Add(value, id);
            names.Add(value);
        }

        return id;
    }

    private void Grow()
    {
        var size = _caseIds.Length * 2;
        Array.Resize(ref _caseIds, size);
        Array.Resize(ref _handler, size);
        Array.Resize(ref _department, size);
        Array.Resize(ref _caseType, size);
        Array.Resize(ref _class, size);
        Array.Resize(ref _accepted, size);
        Array.Resize(ref _closed, size);
        Array.Resize(ref _due, size);
        Array.Resize(ref _flagMask, size);
    }
}
