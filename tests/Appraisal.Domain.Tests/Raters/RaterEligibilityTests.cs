using Appraisal.Domain.Organisation;
using Appraisal.Domain.Raters;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Tests.Raters;

/// <summary>Who may rate whom, over the sample office: the leadership D01 (the chief E0001, deputies E0002–E0004),
/// then 29 departments of 7 or 8 people, each headed by the first person placed in it (D02 by E0005, D11 — case
/// management — by E0014).</summary>
public sealed class RaterEligibilityTests
{
    private static readonly OfficeOrganisation Org = SampleOffice.Generate(new SampleOptions(), []).Organisation;

    private static RaterGroup Group(RaterKind kind, string? department = null) =>
        new() { Group = kind.ToString(), Weight = 100, Raters = kind, DepartmentId = department };

    private static AppraisalSubject Subject(string id) => AppraisalSubject.Of(Org.FindPerson(id)!);

    private static AppraisalSubject DepartmentSubject(string id) => AppraisalSubject.Of(Org.FindDepartment(id)!);

    private static List<string> Ids(IEnumerable<Person> people) => people.Select(p => p.Id).ToList();

    private static List<string> MembersOf(string department) => Ids(Org.People.Where(p => p.DepartmentId == department));

    [Fact]
    public void TheSampleOffice_IsAsTheseTestsDescribe()
    {
        Assert.Equal(["E0001", "E0002", "E0003", "E0004"], MembersOf("D01"));
        Assert.Equal(LeadershipPost.ChiefProsecutor, Org.FindPerson("E0001")!.Post);
        Assert.Equal(("D02", LeadershipPost.DepartmentHead), (Org.FindPerson("E0005")!.DepartmentId, Org.FindPerson("E0005")!.Post));
        Assert.Equal(("D11", "案件管理部"), (Org.FindPerson("E0014")!.DepartmentId, Org.FindDepartment("D11")!.Name));
        Assert.Equal("D02", Org.FindPerson("E0034")!.DepartmentId);
    }

    [Fact]
    public void SameDepartment_IsTheSubjectsDepartment_WithoutTheSubject()
    {
        var raters = Ids(RaterEligibility.Raters(Org, Group(RaterKind.SameDepartment), Subject("E0034")));

        Assert.Equal(MembersOf("D02").Where(id => id != "E0034"), raters);
        Assert.Contains("E0005", raters); // the head is eligible; as a colleague they answer as head (GroupOf)
    }

    [Fact]
    public void DepartmentHead_IsTheHeadOfTheSubjectsDepartment_AndNobodyForTheHeadThemselves()
    {
        Assert.Equal(["E0005"], Ids(RaterEligibility.Raters(Org, Group(RaterKind.DepartmentHead), Subject("E0034"))));
        Assert.Empty(RaterEligibility.Raters(Org, Group(RaterKind.DepartmentHead), Subject("E0005")));
    }

    [Fact]
    public void DepartmentHead_OfTheLeadership_IsNobody_ItsMembersAreRatedAsLeaders()
    {
        Assert.Empty(RaterEligibility.Raters(Org, Group(RaterKind.DepartmentHead), Subject("E0003")));
        Assert.Empty(RaterEligibility.HeadsOf(Org, "D01"));
        Assert.Equal(["E0001", "E0002", "E0004"], Ids(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), Subject("E0003"))));
    }

    [Fact]
    public void DepartmentHead_EveryHeadOfTheDepartment_WhenItHasSeveral()
    {
        var people = Org.People.Select(p => p.Id == "E0034" ? p with { Post = LeadershipPost.DepartmentHead } : p).ToList();
        var org = new OfficeOrganisation(Org.Office, Org.Departments, Org.Positions, people);

        Assert.Equal(["E0005", "E0034"], Ids(RaterEligibility.Raters(org, Group(RaterKind.DepartmentHead), AppraisalSubject.Of(org.FindPerson("E0063")!))));
    }

    [Fact]
    public void OfficeLeaders_AreTheChiefAndDeputies_PlusNamedPartyGroupMembers_NeverTheSubject()
    {
        Assert.Equal(["E0001", "E0002", "E0003", "E0004"], Ids(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), Subject("E0034"))));
        Assert.Equal(["E0001", "E0003", "E0004"], Ids(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), Subject("E0002"))));
        Assert.Equal(["E0001", "E0002", "E0003", "E0004", "E0019"],
            Ids(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), Subject("E0034"), partyGroup: ["E0019"])));
        Assert.True(RaterEligibility.IsOfficeLeader(Org.FindPerson("E0019")!, ["E0019"]));
        Assert.False(RaterEligibility.IsOfficeLeader(Org.FindPerson("E0019")!));
    }

    [Fact]
    public void AllStaff_IsEveryoneButTheSubject()
    {
        var raters = RaterEligibility.Raters(Org, Group(RaterKind.AllStaff), Subject("E0034"));

        Assert.Equal(Org.People.Count - 1, raters.Count);
        Assert.DoesNotContain(raters, p => p.Id == "E0034");
    }

    [Fact]
    public void Department_IsTheNamedDepartmentsMembers_WithoutTheSubject()
    {
        var group = Group(RaterKind.Department, "D11");

        Assert.Equal(MembersOf("D11"), Ids(RaterEligibility.Raters(Org, group, Subject("E0034"))));
        Assert.Equal(MembersOf("D11").Where(id => id != "E0014"), Ids(RaterEligibility.Raters(Org, group, Subject("E0014"))));
        Assert.Empty(RaterEligibility.Raters(Org, Group(RaterKind.Department, "nowhere"), Subject("E0034")));
    }

    [Fact]
    public void External_IsNobodyOfTheOffice()
    {
        var group = Group(RaterKind.External);

        Assert.Empty(RaterEligibility.Raters(Org, group, Subject("E0034")));
        Assert.All(Org.People, p => Assert.False(RaterEligibility.IsEligible(Org, group, p, Subject("E0034"))));
    }

    [Fact]
    public void IsEligible_AgreesWithRaters_ForEveryKind()
    {
        var subject = Subject("E0034");
        foreach (var group in new[] { Group(RaterKind.SameDepartment), Group(RaterKind.DepartmentHead), Group(RaterKind.OfficeLeaders), Group(RaterKind.AllStaff), Group(RaterKind.Department, "D11") })
        {
            var raters = Ids(RaterEligibility.Raters(Org, group, subject)).ToHashSet();
            Assert.All(Org.People, p => Assert.Equal(raters.Contains(p.Id), RaterEligibility.IsEligible(Org, group, p, subject)));
        }

        Assert.False(RaterEligibility.IsEligible(Org, Group(RaterKind.AllStaff), Org.FindPerson("E0034")!, subject));
    }

    [Fact]
    public void AGroupWithoutRaters_WrittenBeforeRaterKinds_IsReadAsSameDepartment()
    {
        var legacy = new RaterGroup { Group = "colleagues", Weight = 100 };

        Assert.Equal(RaterKind.SameDepartment, legacy.EffectiveRaters);
        Assert.Equal(1, legacy.EffectiveMinResponses);
        Assert.Equal(5, Group(RaterKind.AllStaff).EffectiveMinResponses);
        Assert.Equal(MembersOf("D02").Where(id => id != "E0034"), Ids(RaterEligibility.Raters(Org, legacy, Subject("E0034"))));
    }

    [Fact]
    public void ADepartmentSubject_IsRatedByNoneOfItsMembers()
    {
        var d02 = DepartmentSubject("D02");

        Assert.True(RaterEligibility.IsDepartment(d02));
        Assert.False(RaterEligibility.IsDepartment(Subject("E0034")));
        Assert.Equal(Org.People.Count - MembersOf("D02").Count, RaterEligibility.Raters(Org, Group(RaterKind.AllStaff), d02).Count);
        Assert.Equal(["E0001", "E0002", "E0003", "E0004"], Ids(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), d02)));
        Assert.Empty(RaterEligibility.Raters(Org, Group(RaterKind.OfficeLeaders), DepartmentSubject("D01")));
        Assert.Empty(RaterEligibility.Raters(Org, Group(RaterKind.SameDepartment), d02));
    }

    [Fact]
    public void GroupOf_ARaterEligibleInSeveralGroups_AnswersInTheMostSpecific()
    {
        var conduct = SchemeTemplates.Load("B").RatedIndicators.Single(r => r.Id == "conduct-evaluation");

        // The head of D02 is a colleague too, but answers as department head; the chief or a deputy rating a deputy
        // (a colleague in the leadership) answers as a leader; a plain colleague as a colleague.
        Assert.Equal("department-head", RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0005")!, Subject("E0034"))?.Group);
        Assert.Equal("leaders", RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0003")!, Subject("E0002"))?.Group);
        Assert.Equal("leaders", RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0001")!, Subject("E0002"))?.Group);
        Assert.Equal("colleagues", RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0063")!, Subject("E0034"))?.Group);
        Assert.Null(RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0035")!, Subject("E0034")));
        Assert.Null(RaterEligibility.GroupOf(Org, conduct, Org.FindPerson("E0034")!, Subject("E0034")));
    }

    [Fact]
    public void Respondents_AreThoseEligible_LessThoseWhoAnswerInAMoreSpecificGroup()
    {
        var conduct = SchemeTemplates.Load("B").RatedIndicators.Single(r => r.Id == "conduct-evaluation");
        var colleagues = conduct.RaterGroups.Single(g => g.Group == "colleagues");

        var respondents = Ids(RaterEligibility.Respondents(Org, conduct, colleagues, Subject("E0034")));

        Assert.Equal(MembersOf("D02").Where(id => id is not "E0034" and not "E0005"), respondents);
        Assert.Empty(RaterEligibility.Respondents(Org, conduct, colleagues, Subject("E0002")));
        Assert.Equal(["E0001", "E0003", "E0004"], Ids(RaterEligibility.Respondents(Org, conduct, conduct.RaterGroups.Single(g => g.Group == "leaders"), Subject("E0002"))));
    }

    [Theory]
    [InlineData("A", "team-evaluation/leaders")] // the leadership: its members are the leaders
    [InlineData("B", "conduct-evaluation/colleagues", "conduct-evaluation/department-head")]
    [InlineData("C", "ability-evaluation/department-head", "achievement-evaluation/department-head")]
    [InlineData("D", "ability-evaluation/colleagues")]
    public void ValidateRaters_TheTemplatesInTheSampleOffice_WarnOfTheGroupsSomeSubjectsCannotFill(string letter, params string[] groups)
    {
        var scheme = SchemeTemplates.Load(letter);

        var issues = SchemeValidator.ValidateRaters(scheme, Org);

        Assert.All(issues, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
        Assert.Equal(groups, issues.Select(i => i.Message.Split('\'')[3] + "/" + i.Message.Split('\'')[1]));
    }

    [Fact]
    public void ValidateRaters_TheColleaguesShortOf5_AreTheLeadershipOnly_AndAHeadHasNoHeadAbove()
    {
        var issues = SchemeValidator.ValidateRaters(SchemeTemplates.Load("B"), Org);

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].minResponses", issues[0].Path);
        Assert.StartsWith("4 of 93 subjects have fewer than 5 people who answer in group 'colleagues'", issues[0].Message, StringComparison.Ordinal);
        Assert.Contains("少于最低 5 人", issues[0].MessageZh, StringComparison.Ordinal);
        Assert.All(["E0001", "E0002", "E0003", "E0004"], id => Assert.Contains(id, issues[0].Message, StringComparison.Ordinal));
        Assert.StartsWith("23 of 93 subjects have fewer than 1 people who answer in group 'department-head'", issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRaters_ADepartmentTheOfficeHasNot_IsAnError()
    {
        var scheme = SchemeTemplates.Load("D");
        var review = scheme.RatedIndicators[0];
        scheme = scheme with { RatedIndicators = [review with { RaterGroups = [review.RaterGroups[0] with { DepartmentId = "D99" }] }, .. scheme.RatedIndicators.Skip(1)] };

        var error = Assert.Single(SchemeValidator.ValidateRaters(scheme, Org), i => i.Severity == IssueSeverity.Error);

        Assert.Equal("$.ratedIndicators[0].raterGroups[0].departmentId", error.Path);
        Assert.Contains("'D99'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssignmentsOf_APlainProsecutor_UnderTemplateB_IsTheirColleaguesConduct()
    {
        var scheme = SchemeTemplates.Load("B");
        var subjects = SubjectSet.For(scheme, Org);
        var rater = Org.FindPerson("E0034")!;

        var assignments = RaterEligibility.AssignmentsOf(Org, scheme, subjects, rater);

        var expected = subjects.Items.Where(s => s.DepartmentId == "D02" && s.Id != "E0034").Select(s => s.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, assignments.Select(a => a.Subject.Id));
        Assert.All(assignments, a => Assert.Equal(("conduct-evaluation", "colleagues"), (a.Indicator.Id, a.Group.Group)));
    }

    [Fact]
    public void AssignmentsOf_TheChief_UnderTemplateB_IsEveryoneElse_OnBothIndicators()
    {
        var scheme = SchemeTemplates.Load("B");
        var subjects = SubjectSet.For(scheme, Org);

        var assignments = RaterEligibility.AssignmentsOf(Org, scheme, subjects, Org.FindPerson("E0001")!);

        var others = subjects.Items.Where(s => s.Id != "E0001").ToList();
        Assert.Equal(others.Count * 2, assignments.Count);
        Assert.DoesNotContain(assignments, a => a.Subject.Id == "E0001");
        Assert.All(assignments.Where(a => a.Indicator.Id == "skills-evaluation"), a => Assert.Equal("leaders", a.Group.Group));
        Assert.Equal(["leaders"], assignments.Select(a => a.Group.Group).Distinct());
    }

    [Fact]
    public void AssignmentsOf_AnyoneUnderTemplateA_AreTheOtherDepartments_AsStaffOrLeaders()
    {
        var scheme = SchemeTemplates.Load("A");
        var subjects = SubjectSet.For(scheme, Org);

        var staff = RaterEligibility.AssignmentsOf(Org, scheme, subjects, Org.FindPerson("E0034")!);
        var chief = RaterEligibility.AssignmentsOf(Org, scheme, subjects, Org.FindPerson("E0001")!);

        Assert.Equal(Org.Departments.Count - 1, staff.Count);
        Assert.DoesNotContain(staff, a => a.Subject.Id == "D02");
        Assert.All(staff, a => Assert.Equal("staff", a.Group.Group));
        Assert.Equal(Org.Departments.Count - 1, chief.Count);
        Assert.All(chief, a => Assert.Equal("leaders", a.Group.Group));
    }

    [Fact]
    public void AssignmentsOf_ExternalAndCaseManagementGroups_UnderTemplateD()
    {
        var scheme = SchemeTemplates.Load("D");
        var subjects = SubjectSet.For(scheme, Org);

        var reviewer = RaterEligibility.AssignmentsOf(Org, scheme, subjects, Org.FindPerson("E0014")!);

        Assert.Equal(subjects.Items.Count(s => s.Id != "E0014"), reviewer.Count(a => a.Indicator.Id == "quality-review"));
        Assert.DoesNotContain(reviewer, a => a.Indicator.Id == "external-evaluation");
    }

    [Fact]
    public void InTheSample_OnlyTheLeadershipHasFewerThan6People_SoOnlyItsMembersLackColleaguesToReach5()
    {
        var small = Org.Departments.Where(d => MembersOf(d.Id).Count < 6).Select(d => d.Id).ToList();
        Assert.Equal(["D01"], small);

        // Under template B every prosecutor outside the leadership has at least 5 colleagues who answer as colleagues
        // (a department of 7: the subject and the head aside, 5 remain); the leaders answer for each other as leaders.
        var scheme = SchemeTemplates.Load("B");
        var conduct = scheme.RatedIndicators.Single(r => r.Id == "conduct-evaluation");
        var colleagues = conduct.RaterGroups.Single(g => g.Group == "colleagues");
        var below = SubjectSet.For(scheme, Org).Items
            .Where(s => Org.People.Count(p => RaterEligibility.GroupOf(Org, conduct, p, s) == colleagues) < colleagues.EffectiveMinResponses)
            .Select(s => s.DepartmentId).Distinct().ToList();
        Assert.Equal(["D01"], below);
    }
}
