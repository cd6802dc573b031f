using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>A person's own evidence uploads and ledger claims through the application services, on a real Azurite and
/// a quarter held at self-evaluation in the in-process durable host: each claim checked against the cycle's scheme
/// (an unknown item, one that does not apply to the person, occurrences out of range, evidence missing or of another
/// department, a note on several lines) is refused naming its claim and field, and nothing is stored; staff upload for
/// their own department only, and read back what they uploaded.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SelfEvaluationClaimTests : IAsyncLifetime
{
    private const string Quarter = "2026-Q1";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private DurableTaskTestHost _host = null!;
    private StorageAccount _account = null!;
    private SampleData _sample = null!;
    private Scheme _scheme = null!;

    private string Office => _sample.Organisation.Office.Id;

    public async Task InitializeAsync()
    {
        (_account, _host, _sample, _scheme) = await HeldQuarter.AtSelfEvaluationAsync(Quarter);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SelfEvaluationActions SelfEvaluations() => new(new CycleSnapshots(new OrganisationRepository(_account), TimeProvider.System), new SelfEvaluationRepository(_account),
        new EvidenceStore(_account), new SchemeRepository(_account), new AuditLog(_account), TimeProvider.System);

    private EvidenceActions Evidence() => new(new EvidenceStore(_account),
        new CycleRecords(new SchemeRepository(_account), new OrganisationRepository(_account), new CaseRepository(_account), new SubmissionRepository(_account)),
        new CycleRepository(_account), new ScorecardRepository(_account), new AuditLog(_account), TimeProvider.System);

    private Caller Staff(Person person) => new(person.Id, new HashSet<Role> { Role.Staff }, Office, person.DepartmentId);

    /// <summary>A quota prosecutor (appraised under scheme B), a colleague of the same department who is not one, and
    /// another department.</summary>
    private (Person Prosecutor, Person Assistant, string OtherDepartment) People()
    {
        var people = _sample.Organisation.People;
        var prosecutor = people.First(p => p.Category == StaffCategory.QuotaProsecutor && p.Post == LeadershipPost.None
            && people.Any(o => o.DepartmentId == p.DepartmentId && o.Category != StaffCategory.QuotaProsecutor));
        var assistant = people.First(p => p.DepartmentId == prosecutor.DepartmentId && p.Category != StaffCategory.QuotaProsecutor);
        return (prosecutor, assistant, _sample.Organisation.Departments.First(d => d.Id != prosecutor.DepartmentId).Id);
    }

    [Fact]
    public async Task BadClaims_AreRefused_NamingTheClaimAndField_AndNothingIsStored()
    {
        var (prosecutor, assistant, other) = People();
        var evidence = Evidence();
        var ours = (await evidence.UploadAsync(Staff(prosecutor), Office, Quarter, prosecutor.DepartmentId, Pdf, "award.pdf", default)).Sha256;
        var head = new Caller("head-x", new HashSet<Role> { Role.DepartmentHead }, Office, other);
        var theirs = (await evidence.UploadAsync(head, Office, Quarter, other, Pdf.Append((byte)1).ToArray(), "theirs.pdf", default)).Sha256;
        var actions = SelfEvaluations();
        var before = await StorageSnapshot.TakeAsync(_account);

        static SelfEvaluationClaimRequest Claim(string? item = "training-award", int? occurrences = 1, string? evidence = null, string? note = null) => new(item, occurrences, evidence, note);
        (string Case, Person Who, SelfEvaluationClaimRequest?[] Claims, string Field)[] cases =
        [
            ("an unknown item", prosecutor, [Claim("no-such-item", evidence: ours)], "claims[0].item"),
            ("no item", prosecutor, [Claim(null, evidence: ours)], "claims[0].item"),
            ("a year-end-only item in a quarter", prosecutor, [Claim("annual-honour", evidence: ours)], "claims[0].item"),
            ("an item for someone the scheme does not appraise", assistant, [Claim(evidence: ours)], "claims[0].item"),
            ("no occurrences", prosecutor, [Claim(occurrences: null, evidence: ours)], "claims[0].occurrences"),
            ("zero occurrences", prosecutor, [Claim(occurrences: 0, evidence: ours)], "claims[0].occurrences"),
            ("too many occurrences", prosecutor, [Claim(occurrences: 1001, evidence: ours)], "claims[0].occurrences"),
            ("no evidence", prosecutor, [Claim()], "claims[0].evidence"),
            ("evidence that is no hash", prosecutor, [Claim(evidence: "award.pdf")], "claims[0].evidence"),
            ("evidence of another department", prosecutor, [Claim(evidence: theirs)], "claims[0].evidence"),
            ("evidence never uploaded", prosecutor, [Claim(evidence: new string('c', 64))], "claims[0].evidence"),
            ("a note on two lines", prosecutor, [Claim(evidence: ours, note: "第一行\n第二行")], "claims[0].note"),
            ("a note too long", prosecutor, [Claim(evidence: ours, note: new string('注', SelfEvaluationClaims.MaxNoteLength + 1))], "claims[0].note"),
            ("a second claim wrong", prosecutor, [Claim(evidence: ours), Claim("typical-case", 2, theirs)], "claims[1].evidence"),
            ("no claim at all", prosecutor, [null], "claims[0].item"),
        ];
        foreach (var (name, who, claims, field) in cases)
        {
            var refused = await Assert.ThrowsAsync<RequestRefusedException>(() =>
                actions.SubmitAsync(_host.Client, Staff(who), Office, Quarter, who.Id, new SelfEvaluationRequest("述职", 90, null, claims), null, default));
            Assert.True((refused.Status, refused.Field) == (422, field), $"{name}: expected 422 {field}, found {refused.Status} {refused.Field}: {refused.Message}");
        }

        // Every problem at once, each named by its claim and field, in order.
        var all = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id,
            new SelfEvaluationRequest("述职", 90, null, [Claim("no-such-item", 0, theirs), Claim(evidence: ours), Claim(evidence: ours, note: "a\rb")]), null, default));
        Assert.Equal(["claims[0].item", "claims[0].occurrences", "claims[0].evidence", "claims[2].note"], all.Errors.Select(e => e.Field));

        var tooMany = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id,
            new SelfEvaluationRequest("述职", 90, null, [.. Enumerable.Repeat(Claim(evidence: ours), SelfEvaluationClaims.MaxClaims + 1)]), null, default));
        Assert.Equal((400, "claims"), (tooMany.Status, tooMany.Field));

        // A staff member uploads for their own department only.
        var elsewhere = await Assert.ThrowsAsync<RequestRefusedException>(() => evidence.UploadAsync(Staff(prosecutor), Office, Quarter, other, Pdf.Append((byte)2).ToArray(), "x.pdf", default));
        Assert.Equal((403, Access.Field), (elsewhere.Status, elsewhere.Field));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));
    }

    [Fact]
    public async Task GoodClaims_AreStored_ChangedClaimsAreANewRevision_AndTheUploaderReadsTheirFile()
    {
        var (prosecutor, assistant, _) = People();
        var evidence = Evidence();
        var upload = await evidence.UploadAsync(Staff(prosecutor), Office, Quarter, prosecutor.DepartmentId, Pdf, "award.pdf", default);
        Assert.Equal(prosecutor.Id, Assert.Single(await new EvidenceStore(_account).UploadsAsync(upload.Sha256)).UploadedBy);
        var actions = SelfEvaluations();
        SelfEvaluationRequest Request(int occurrences) => new("述职", 92, [upload.Sha256], [new("training-award", occurrences, upload.Sha256, " 省院业务竞赛二等奖 ")]);

        var (first, outcome) = await actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id, Request(1), null, default);
        Assert.Equal(SelfEvaluationWrite.Stored, outcome);
        Assert.Equal([new SelfEvaluationClaim("training-award", 1, upload.Sha256, "省院业务竞赛二等奖")], first.Value.ClaimList);
        Assert.Equal(SelfEvaluationWrite.Repeated, (await actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id, Request(1), null, default)).Outcome);
        var (second, revised) = await actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id, Request(2), null, default);
        Assert.Equal((SelfEvaluationWrite.Revised, 2, 2), (revised, second.Value.Revision, second.Value.ClaimList[0].Occurrences));

        // Returned by the head, the same self-evaluation sent again unchanged is a new revision, up for review again.
        var head = _sample.Organisation.People.First(p => p.DepartmentId == prosecutor.DepartmentId && p.Id != prosecutor.Id);
        await actions.ReviewAsync(_host.Client, new Caller(head.Id, new HashSet<Role> { Role.DepartmentHead }, Office, prosecutor.DepartmentId), Office, Quarter, prosecutor.Id, false, "请补充证明材料", 2, default);
        var (third, again) = await actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id, Request(2), null, default);
        Assert.Equal((SelfEvaluationWrite.Revised, 3, (SelfEvaluationReview?)null), (again, third.Value.Revision, third.Value.Review));
        Assert.Equal(SelfEvaluationWrite.Repeated, (await actions.SubmitAsync(_host.Client, Staff(prosecutor), Office, Quarter, prosecutor.Id, Request(2), null, default)).Outcome);

        // The form lists the person's own upload and the scheme's quarter items; the uploader reads the file, a colleague does not.
        var form = await actions.FormAsync(_host.Client, Staff(prosecutor), Office, Quarter, default);
        Assert.Equal([upload.Sha256], form.Files.Select(f => f.Sha256));
        Assert.Equal(_scheme.LedgerItems.Where(i => !i.YearEndOnly).Select(i => i.Id), form.Items.Select(i => i.Id));
        Assert.Equal(Pdf, (await evidence.ReadAsync(Staff(prosecutor), Office, upload.Sha256, default)).Content);
        var hidden = await Assert.ThrowsAsync<RequestRefusedException>(() => evidence.ReadAsync(Staff(assistant), Office, upload.Sha256, default));
        Assert.Equal(404, hidden.Status);
    }
}
