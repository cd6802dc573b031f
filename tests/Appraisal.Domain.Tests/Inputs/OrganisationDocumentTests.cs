using System.Text.Json.Nodes;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Tests.Inputs;

/// <summary>An office's organisation from JSON: references, unique and safe ids, one head per department.</summary>
public sealed class OrganisationDocumentTests
{
    private const string File = "organisation.json";

    internal const string Valid = """
        {
          "office": { "id": "basic-1", "name": "示例区人民检察院", "level": "basic" },
          "departments": [
            { "id": "D1", "name": "第一检察部" },
            { "id": "D2", "name": "第二检察部" },
            { "id": "D3", "name": "综合办公室" }
          ],
          "positions": [
            { "id": "P1", "departmentId": "D1", "title": "部门负责人" },
            { "id": "P2", "departmentId": "D1", "title": "检察官" }
          ],
          "people": [
            { "id": "E1", "name": "王伟", "departmentId": "D1", "positionId": "P1", "category": "quotaProsecutor", "post": "departmentHead" },
            { "id": "E2", "name": "李芳", "departmentId": "D1", "positionId": "P2", "category": "quotaProsecutor" },
            { "id": "E3", "name": "张敏", "departmentId": "D2", "category": "judicialAdministrativeStaff", "post": "departmentHead" }
          ]
        }
        """;

    private static (OfficeOrganisation? Organisation, InputErrors Errors) Read(Action<JsonObject>? change = null)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        change?.Invoke(root);
        var errors = new InputErrors();
        return (OrganisationDocument.Read(root.ToJsonString(), File, errors), errors);
    }

    private static InputError SingleError(Action<JsonObject> change)
    {
        var (organisation, errors) = Read(change);
        Assert.Null(organisation);
        var error = Assert.Single(errors.Items);
        Assert.Equal(File, error.File);
        return error;
    }

    [Fact]
    public void ValidDocument_GivesTheOrganisation_WithLookups()
    {
        var (organisation, errors) = Read();

        Assert.Empty(errors.Items);
        Assert.NotNull(organisation);
        Assert.Equal(OfficeLevel.Basic, organisation.Office.Level);
        Assert.Equal(3, organisation.Departments.Count);
        Assert.Equal(LeadershipPost.DepartmentHead, organisation.FindPerson("E1")!.Post);
        Assert.Equal(LeadershipPost.None, organisation.FindPerson("E2")!.Post);
        Assert.Equal("D1", organisation.FindPosition("P2")!.DepartmentId);
        Assert.Null(organisation.FindPerson("E9"));
    }

    [Fact]
    public void Written_ReadsBackTheSame()
    {
        var (organisation, _) = Read();
        var errors = new InputErrors();

        var again = OrganisationDocument.Read(OrganisationDocument.Write(organisation!), File, errors);

        Assert.Empty(errors.Items);
        Assert.Equal(organisation!.People, again!.People);
        Assert.Equal(organisation.Departments, again.Departments);
    }

    [Fact]
    public void PersonInAnUnknownDepartment_IsReportedAtTheReference()
    {
        var error = SingleError(j => j["people"]![1]!["departmentId"] = "D9");

        Assert.Equal("$.people[1].departmentId", error.Field);
        Assert.Contains("'D9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositionInAnUnknownDepartment_IsReportedAtTheReference()
    {
        Assert.Equal("$.positions[0].departmentId", SingleError(j => j["positions"]![0]!["departmentId"] = "D9").Field);
    }

    [Fact]
    public void UnknownPosition_IsReportedAtTheReference()
    {
        Assert.Equal("$.people[0].positionId", SingleError(j => j["people"]![0]!["positionId"] = "P9").Field);
    }

    [Fact]
    public void DuplicateDepartmentId_IsReportedAtTheSecond()
    {
        var error = SingleError(j => j["departments"]![2]!["id"] = "D1");

        Assert.Equal("$.departments[2].id", error.Field);
    }

    [Fact]
    public void DuplicatePersonId_IsReportedAtTheSecond()
    {
        Assert.Equal("$.people[2].id", SingleError(j => j["people"]![2]!["id"] = "E1").Field);
    }

    [Fact]
    public void TwoHeadsInOneDepartment_IsReportedAtTheSecondsPost()
    {
        var error = SingleError(j => j["people"]![1]!["post"] = "departmentHead");

        Assert.Equal("$.people[1].post", error.Field);
        Assert.Contains("$.people[0]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E/1")]
    [InlineData("E 1")]
    [InlineData("")]
    [InlineData("王伟")]
    public void IdThatIsNotSafeAsAKey_IsReportedAtIt(string id)
    {
        Assert.Equal("$.people[0].id", SingleError(j => j["people"]![0]!["id"] = id).Field);
    }

    [Fact]
    public void IdOf65Characters_IsTooLong()
    {
        var error = SingleError(j => j["departments"]![2]!["id"] = new string('d', 65));

        Assert.Equal("$.departments[2].id", error.Field);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var (organisation, errors) = Read(j =>
        {
            j["people"]![0]!["id"] = "E/1";
            j["people"]![1]!["departmentId"] = "D9";
            j["people"]![2]!["positionId"] = "P9";
        });

        Assert.Null(organisation);
        Assert.Equal(["$.people[0].id", "$.people[1].departmentId", "$.people[2].positionId"], errors.Items.Select(e => e.Field));
    }

    [Fact]
    public void UnknownProperty_IsReportedWithItsPath()
    {
        var (organisation, errors) = Read(j => j["people"]![0]!["age"] = 40);

        Assert.Null(organisation);
        var error = Assert.Single(errors.Items);
        Assert.Equal("$.people[0].age", error.Field);
    }

    [Fact]
    public void MalformedJson_IsReportedWithItsLine()
    {
        var errors = new InputErrors();

        var organisation = OrganisationDocument.Read("{\n  \"office\": {\n    \"id\": \"x\",,\n  }\n}", File, errors);

        Assert.Null(organisation);
        var error = Assert.Single(errors.Items);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void AnEntrysError_NamesTheLineTheEntryBeginsOn()
    {
        var errors = new InputErrors();
        var text = Valid.Replace("\"departmentId\": \"D2\", \"category\"", "\"departmentId\": \"D9\", \"category\"", StringComparison.Ordinal)
            .Replace("{ \"id\": \"P2\"", "{ \"id\": \"P1\"", StringComparison.Ordinal);

        Assert.Null(OrganisationDocument.Read(text, File, errors));

        Assert.Equal([("$.positions[1].id", 10), ("$.people[1].positionId", 14), ("$.people[2].departmentId", 15)],
            errors.Items.OrderBy(e => e.Line).Select(e => (e.Field, e.Line)).ToList());
    }

    [Fact]
    public void UnknownStaffCategory_IsReportedAtItsPath()
    {
        var (organisation, errors) = Read(j => j["people"]![0]!["category"] = "judge");

        Assert.Null(organisation);
        Assert.Equal("$.people[0].category", Assert.Single(errors.Items).Field);
    }
}
