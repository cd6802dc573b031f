using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>A small directory of the sample office: a department head, a staff member and someone of the appraisal
/// office (考核办) of D03, with their real person ids and departments; someone in no mapped group; a name two entries
/// share; and an entry without a person id. Groups cn=staff, cn=heads and cn=kaohe give roles; cn=library none.</summary>
public sealed class SampleDirectory
{
    public SampleDirectory(OfficeOrganisation org)
    {
        ArgumentNullException.ThrowIfNull(org);
        var d03 = org.People.Where(p => p.DepartmentId == "D03").ToList();
        Head = new DirectoryPerson("liming", "Head-pass-1", d03.First(p => p.Post == LeadershipPost.DepartmentHead).Id, "D03", "staff", "heads");
        Staff = new DirectoryPerson("wangfang", "Staff-pass-2", d03.First(p => p.Post == LeadershipPost.None).Id, "D03", "staff");
        var d04 = org.People.First(p => p.DepartmentId == "D04" && p.Post == LeadershipPost.None);
        AppraisalOffice = new DirectoryPerson("zhaolei", "Kaohe-pass-3", d04.Id, "D04", "staff", "kaohe");
        var d05 = org.People.First(p => p.DepartmentId == "D05" && p.Post == LeadershipPost.None);
        Unmapped = new DirectoryPerson("sunli", "Library-pass-4", d05.Id, "D05", "library");
        NoPersonId = new DirectoryPerson("guest", "Guest-pass-5", null, null, "staff");
        People =
        [
            Head, Staff, AppraisalOffice, Unmapped, NoPersonId,
            new DirectoryPerson("twin", "Twin-pass-6", d05.Id, "D05", "staff"),
            new DirectoryPerson("twin", "Twin-pass-6", d04.Id, "D04", "staff") { Unit = "contractors" },
        ];
    }

    /// <summary>The sample office's organisation as the tests' CycleFixture stores it (default sample options).</summary>
    public static SampleDirectory OfSampleOffice() =>
        new(SampleOffice.Generate(new SampleOptions(), [SchemeTemplates.Load("B")]).Organisation);

    public DirectoryPerson Head { get; }

    public DirectoryPerson Staff { get; }

    public DirectoryPerson AppraisalOffice { get; }

    public DirectoryPerson Unmapped { get; }

    public DirectoryPerson NoPersonId { get; }

    public IReadOnlyList<DirectoryPerson> People { get; }

    /// <summary><c>SignIn:RoleGroups</c> as the self-host's environment settings.</summary>
    public static Dictionary<string, string> RoleGroupSettings() => new()
    {
        ["SignIn__RoleGroups__Staff__0"] = Slapd.GroupDn("staff"),
        ["SignIn__RoleGroups__DepartmentHead__0"] = Slapd.GroupDn("heads"),
        ["SignIn__RoleGroups__AppraisalOffice__0"] = Slapd.GroupDn("kaohe"),
    };
}
