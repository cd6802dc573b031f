using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Sample;

/// <summary>Generates a deterministic sample office (the same options give the same data, byte for byte):
/// departments, positions, people, a period of case records, and ratings and ledger entries for given schemes.</summary>
public static class SampleOffice
{
    private static readonly string[] DepartmentNames =
    [
        "院领导班子", "第一检察部", "第二检察部", "第三检察部", "第四检察部", "第五检察部", "第六检察部", "第七检察部",
        "第八检察部", "控告申诉检察部", "案件管理部", "综合办公室", "政治部", "检务督察部", "法律政策研究室", "司法警察大队",
        "检察技术部", "计划财务装备部", "机关党委", "未成年人检察部", "公益诉讼检察部", "刑事执行检察部", "民事检察部",
        "行政检察部", "知识产权检察部", "金融检察部", "生态环境检察部", "信访接待室", "档案室", "信息中心",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "晓东", "海燕", "文", "婷", "宇", "欣"];

    private static readonly (string Type, int LimitDays)[] CaseTypes =
    [
        ("审查逮捕", 7), ("审查起诉", 45), ("民事检察", 90), ("行政检察", 90), ("公益诉讼", 60), ("控告申诉", 30), ("刑事执行", 30),
    ];

    public static SampleData Generate(SampleOptions options, IReadOnlyList<Scheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Departments, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.People, options.Departments + 3);

        var random = new Random(options.Seed);
        var organisation = Organisation(options, random);
        var cases = Cases(options, organisation, random);
        var ratings = new Dictionary<string, IReadOnlyList<Rating>>(StringComparer.Ordinal);
        var ledger = new Dictionary<string, IReadOnlyList<LedgerEntry>>(StringComparer.Ordinal);
        foreach (var scheme in schemes)
        {
            var subjects = SubjectSet.For(scheme, organisation);
            var schemeRandom = new Random(options.Seed ^ StableHash(scheme.Id));
            ratings[scheme.Id] = Ratings(scheme, subjects, schemeRandom);
            ledger[scheme.Id] = Ledger(scheme, subjects, options, schemeRandom);
        }

        return new SampleData(organisation, cases, ratings, ledger);
    }

    private static OfficeOrganisation Organisation(SampleOptions options, Random random)
    {
        var office = new Office { Id = "sample-basic", Name = "示例区人民检察院", Level = OfficeLevel.Basic };
        var departments = Enumerable.Range(0, options.Departments)
            .Select(i => new Department
            {
                Id = $"D{i + 1:D2}",
                Name = i < DepartmentNames.Length ? DepartmentNames[i] : $"第{i + 1}部门",
            }).ToList();

        var positions = new List<Position>();
        var people = new List<Person>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        string Name()
        {
            for (var attempt = 0; ; attempt++)
            {
                var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)]
                    + (attempt > 20 ? GivenNames[random.Next(GivenNames.Length)] : string.Empty);
                if (usedNames.Add(name) || attempt > 40)
                {
                    return name;
                }
            }
        }

        void Add(Department department, StaffCategory category, LeadershipPost post, string title)
        {
            var n = people.Count + 1;
            var position = new Position
            {
                Id = $"P{n:D4}",
                DepartmentId = department.Id,
                Title = title,
                Description = new PositionDescription
                {
                    Duties = category switch
                    {
                        StaffCategory.QuotaProsecutor => ["依法办理审查逮捕、审查起诉等案件", "出庭支持公诉", "开展法律监督"],
                        StaffCategory.ProsecutorialAssistant => ["协助检察官审查案件材料", "制作法律文书", "开展调查核实"],
                        _ => ["承担综合行政、文秘、后勤保障工作", "完成领导交办事项"],
                    },
                    WorkloadStandard = category == StaffCategory.QuotaProsecutor ? "每季度办结案件不少于12件" : "按时完成岗位任务",
                    QualityStandard = "案件无质量瑕疵，文书规范，无超期",
                },
            };
            positions.Add(position);
            people.Add(new Person
            {
                Id = $"E{n:D4}",
                Name = Name(),
                DepartmentId = department.Id,
                PositionId = position.Id,
                Category = category,
                Post = post,
                Email = $"e{n:D4}@sample-basic.example",
            });
        }

        // The office's leadership: the chief prosecutor and three deputies, all holding a prosecutor quota.
        Add(departments[0], StaffCategory.QuotaProsecutor, LeadershipPost.ChiefProsecutor, "检察长");
        for (var d = 0; d < 3; d++)
        {
            Add(departments[0], StaffCategory.QuotaProsecutor, LeadershipPost.DeputyChiefProsecutor, "副检察长");
        }

        var remaining = options.People - people.Count;
        var business = Math.Max(1, (departments.Count - 1) * 2 / 3);
        for (var k = 0; k < remaining; k++)
        {
            var d = 1 + (k % (departments.Count - 1));
            var department = departments[d];
            var first = k < departments.Count - 1;
            var isBusiness = d <= business;
            var category = first || (isBusiness && random.Next(100) < 55)
                ? (isBusiness ? StaffCategory.QuotaProsecutor : StaffCategory.JudicialAdministrativeStaff)
                : (isBusiness ? StaffCategory.ProsecutorialAssistant : (random.Next(100) < 30 ? StaffCategory.ProsecutorialAssistant : StaffCategory.JudicialAdministrativeStaff));
            var title = first ? "部门负责人" : category switch
            {
                StaffCategory.QuotaProsecutor => "检察官",
                StaffCategory.ProsecutorialAssistant => "检察官助理",
                _ => "科员",
            };
            Add(department, category, first ? LeadershipPost.DepartmentHead : LeadershipPost.None, title);
        }

        return new OfficeOrganisation(office, departments, positions, people);
    }

    private static List<CaseRecord> Cases(SampleOptions options, OfficeOrganisation organisation, Random random)
    {
        var cases = new List<CaseRecord>();
        var start = options.Period.Start;
        var end = options.Period.End;
        var length = end.DayNumber - start.DayNumber + 1;
        var n = 0;
        foreach (var person in organisation.People)
        {
            var mean = (person.Category, person.Post) switch
            {
                (StaffCategory.QuotaProsecutor, LeadershipPost.ChiefProsecutor) => 1.0,
                (StaffCategory.QuotaProsecutor, LeadershipPost.DeputyChiefProsecutor) => options.CasesPerProsecutor * 0.35,
                (StaffCategory.QuotaProsecutor, LeadershipPost.DepartmentHead) => options.CasesPerProsecutor * (random.Next(100) < 25 ? 0.35 : 0.7),
                (StaffCategory.QuotaProsecutor, _) => options.CasesPerProsecutor,
                (StaffCategory.ProsecutorialAssistant, _) => options.CasesPerProsecutor * 0.8,
                _ => 0,
            };
            if (mean <= 0)
            {
                continue;
            }

            var skill = random.NextDouble();
            var count = Math.Max(0, (int)Math.Round(mean * (0.6 + (0.8 * random.NextDouble()))));
            for (var c = 0; c < count; c++)
            {
                var (type, limit) = CaseTypes[random.Next(CaseTypes.Length)];
                var accepted = start.AddDays(random.Next(-20, length - 10));
                var days = 1 + (int)(Math.Min(limit, 40) * (0.2 + (random.NextDouble() * (skill < 0.15 ? 1.2 : 0.75))));
                var closedOn = accepted.AddDays(days);
                var open = closedOn > end && random.Next(100) < 70;
                var flags = new List<string>();
                if (random.Next(1000) < (skill < 0.2 ? 120 : 25))
                {
                    flags.Add(random.Next(2) == 0 ? "defective" : "returned");
                }

                if (random.Next(1000) < 15)
                {
                    flags.Add("complaint");
                }

                n++;
                cases.Add(new CaseRecord
                {
                    CaseId = string.Create(CultureInfo.InvariantCulture, $"{options.Period.Year}-{n:D6}"),
                    HandlerId = person.Id,
                    DepartmentId = person.DepartmentId,
                    CaseType = type,
                    Accepted = accepted,
                    Closed = open ? null : (closedOn > end ? end : closedOn),
                    TimeLimit = accepted.AddDays(limit),
                    QualityFlags = flags,
                    Class = ClassOf(n),
                });
            }
        }

        return cases;
    }

    /// <summary>The case's class as 第九条 divides cases (实体性, 程序性, 指导性 办案): seven in ten substantive, two procedural,
    /// one guiding — taken from the case's number, not drawn, so the rest of the sample stays as it was.</summary>
    private static string ClassOf(int n) => (n % 10) switch
    {
        0 => "指导性",
        1 or 2 => "程序性",
        _ => "实体性",
    };

    private static List<Rating> Ratings(Scheme scheme, SubjectSet subjects, Random random)
    {
        var ratings = new List<Rating>();
        foreach (var subject in subjects.Items)
        {
            var standing = 80 + (random.NextDouble() * 19);
            foreach (var indicator in scheme.RatedIndicators)
            {
                foreach (var group in indicator.RaterGroups)
                {
                    var raters = group.Group switch
                    {
                        "department-head" => 1,
                        "leaders" => 3,
                        "case-management" => 2,
                        _ => 5 + random.Next(4),
                    };
                    for (var r = 0; r < raters; r++)
                    {
                        var score = Math.Clamp(Math.Round((decimal)(standing + ((random.NextDouble() - 0.5) * 16))), 40m, 100m);
                        ratings.Add(new Rating
                        {
                            SubjectId = subject.Id,
                            IndicatorId = indicator.Id,
                            Group = group.Group,
                            RaterId = $"{group.Group}-{r + 1}",
                            Score = score,
                        });
                    }
                }
            }
        }

        return ratings;
    }

    private static List<LedgerEntry> Ledger(Scheme scheme, SubjectSet subjects, SampleOptions options, Random random)
    {
        var entries = new List<LedgerEntry>();
        var items = scheme.LedgerItems.Where(i => !i.YearEndOnly).ToList();
        if (items.Count == 0)
        {
            return entries;
        }

        var n = 0;
        foreach (var subject in subjects.Items)
        {
            var claims = random.Next(100) switch
            {
                < 45 => 0,
                < 80 => 1,
                < 95 => 2,
                _ => 3,
            };
            for (var c = 0; c < claims; c++)
            {
                var item = items[random.Next(items.Count)];
                if (item.Kind == LedgerKind.Deduction && random.Next(100) < 70)
                {
                    continue;
                }

                n++;
                var withEvidence = random.Next(100) >= 4;
                entries.Add(new LedgerEntry
                {
                    SubjectId = subject.Id,
                    ItemId = item.Id,
                    Occurrences = item.Kind == LedgerKind.Bonus && random.Next(100) < 15 ? random.Next(2, 4) : 1,
                    Evidence = withEvidence ? string.Create(CultureInfo.InvariantCulture, $"台帐-{options.Period}-{n:D4}") : null,
                    Note = item.Kind == LedgerKind.Bonus ? $"{item.Name.Zh}（材料见台帐）" : $"{item.Name.Zh}（核查属实）",
                });
            }
        }

        return entries;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
