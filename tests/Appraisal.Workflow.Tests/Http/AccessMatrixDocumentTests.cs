using System.Text;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Tests.Http;

/// <summary>docs/workflow.md's access matrix is the endpoint catalog written out — every action with its roles, reach,
/// stage and record rule — so the document cannot fall behind the code. After an endpoint changes, run this test with
/// APPRAISAL_UPDATE_DOCS=1 to write the table into the document.</summary>
public sealed class AccessMatrixDocumentTests
{
    private const string Start = "<!-- access-matrix:start (generated from EndpointCatalog; see AccessMatrixDocumentTests) -->";
    private const string End = "<!-- access-matrix:end -->";

    [Fact]
    public async Task WorkflowDocument_StatesRoleReachStageAndRecordRule_ForEveryEndpoint()
    {
        await GeneratedSection.CheckAsync(Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "workflow.md"), Start, End, Table());
    }

    private static string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("| action | verb and route | roles | reach | stage | record |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in EndpointCatalog.All)
        {
            var roles = e.Access == AccessRule.Probe ? "no sign-in: anyone who reaches the host" : e.Access.Roles.Count == 0 ? "no sign-in: the signed link" : e.Access.Roles.Count == Enum.GetValues<Role>().Length ? "any signed-in role" : string.Join(", ", e.Access.Roles);
            var reach = e.Access == AccessRule.Probe ? "none (no record)" : e.Access.Roles.Count == 0 ? "the link's office" : e.Access.Scope switch
            {
                AccessScope.Office => "own office",
                AccessScope.Department => "own department of own office",
                AccessScope.Province => "province (no office)",
                _ => "any",
            };
            var stage = e.Stages.Count == 0 ? "any" : string.Join(" or ", e.Stages);
            table.AppendLine($"| {e.Name} | `{e.Verb} {e.Route}` | {roles} | {reach} | {stage} | {(e.Record.Length == 0 ? "—" : e.Record)} |");
        }

        return table.ToString();
    }
}
