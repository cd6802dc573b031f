using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Tests.Notifications;

namespace Appraisal.Workflow.Tests.Actions;

/// <summary>What a draft says about its ratings, through the drafting service on a real Azurite: who rates in each rater
/// group, k, the group's name, the indicator's fallback rating and the scheme's rating window are saved as entered,
/// under the draft's version tag (a stale tag overwrites nothing); a draft whose rater group does not state its raters
/// is refused at that group's <c>raters</c> — saved or submitted — with nothing stored, while a scheme decided before
/// rater kinds existed still loads and reads as it did (sameDepartment, k = 1).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SchemeDraftRatersTests
{
    private const string Office = "O1";

    private static readonly Caller AppraisalOffice = new("office-1", new HashSet<Role> { Role.AppraisalOffice }, Office, null);

    private static Scheme Template(string id) => SchemeTemplates.Load("B") with { Id = id, Version = 1 };

    /// <summary>The scheme with the raters (and minimum) of one group of its first rated indicator left out, as a scheme
    /// written before rater kinds.</summary>
    private static Scheme WithoutRaters(Scheme scheme, int group)
    {
        var conduct = scheme.RatedIndicators[0];
        var groups = conduct.RaterGroups.Select((g, i) => i == group ? g with { Raters = null, MinResponses = null } : g).ToList();
        return scheme with { RatedIndicators = [conduct with { RaterGroups = groups }, .. scheme.RatedIndicators.Skip(1)] };
    }

    private static (SchemeDraftActions Actions, SchemeRepository Schemes) Services(StorageAccount account)
    {
        var schemes = new SchemeRepository(account);
        return (new SchemeDraftActions(schemes, new AuditLog(account), TimeProvider.System), schemes);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public void EveryTemplate_StatesWhoRatesInEveryGroup_SoADraftFromItSavesAsItIs(string letter)
    {
        var template = SchemeTemplates.Load(letter);

        Assert.NotEmpty(template.RatedIndicators.SelectMany(r => r.RaterGroups));
        Assert.Empty(Domain.Schemes.Validation.SchemeValidator.ValidateDraft(template));
    }

    [Fact]
    public async Task WhoRatesKNameFallbackAndWindow_AreSavedAsEntered_UnderTheDraftsVersionTag()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var (actions, schemes) = Services(account);
        var created = await actions.CreateAsync(AppraisalOffice, Template("o1-raters"), default);
        var skills = created.Scheme.RatedIndicators[1];
        var edited = created.Scheme with
        {
            RatingWindow = RatingWindow.AfterSelfEvaluation,
            RatedIndicators =
            [
                created.Scheme.RatedIndicators[0],
                skills with
                {
                    FallbackRating = 75,
                    RaterGroups =
                    [
                        skills.RaterGroups[0] with { Weight = 60, MinResponses = 2 },
                        new RaterGroup { Group = "case-management", Name = new LocalizedText("案件质量评查", "Case quality review"), Weight = 40, Raters = RaterKind.Department, DepartmentId = "D11", MinResponses = 1 },
                    ],
                },
            ],
        };

        var saved = await actions.UpdateAsync(AppraisalOffice, edited, created.ETag, default);

        var stored = (await schemes.GetAsync("o1-raters", 1))!;
        Assert.Equal(saved.ETag, stored.ETag);
        Assert.NotEqual(created.ETag, stored.ETag);
        Assert.Equal(RatingWindow.AfterSelfEvaluation, stored.Scheme.RatingWindow);
        Assert.Equal(75m, stored.Scheme.RatedIndicators[1].FallbackRating);
        Assert.Equal(edited.RatedIndicators[1].RaterGroups, stored.Scheme.RatedIndicators[1].RaterGroups);

        // The same save again under the tag it was served with before: a conflict, nothing overwritten.
        var before = await StorageSnapshot.TakeAsync(account);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => actions.UpdateAsync(AppraisalOffice, edited with { RatingWindow = RatingWindow.WithSelfEvaluation }, created.ETag, default));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task ADraftWhoseRaterGroupDoesNotStateItsRaters_IsRefusedAtThatGroup_SavedOrSubmitted_AndNothingIsStored()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var (actions, schemes) = Services(account);

        // Started from a scheme written before rater kinds: the draft may lack them until it is edited.
        var created = await actions.CreateAsync(AppraisalOffice, WithoutRaters(Template("o1-legacy"), 2), default);
        var before = await StorageSnapshot.TakeAsync(account);

        var saving = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.UpdateAsync(AppraisalOffice, created.Scheme with { Name = new LocalizedText("改名") }, created.ETag, default));
        var submitting = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.SubmitAsync(AppraisalOffice, "o1-legacy", 1, created.ETag, default));
        var submittingAny = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.SubmitAsync(AppraisalOffice, "o1-legacy", 1, Azure.ETag.All, default));
        var savingAny = await Assert.ThrowsAsync<RequestRefusedException>(() => actions.UpdateAsync(AppraisalOffice, created.Scheme, Azure.ETag.All, default));

        // Any version (*) is no version read: refused before the draft is judged.
        Assert.Equal((428, "If-Match", 428, "If-Match"), (submittingAny.Status, submittingAny.Field, savingAny.Status, savingAny.Field));
        foreach (var refused in new[] { saving, submitting })
        {
            Assert.Equal((422, "$.ratedIndicators[0].raterGroups[2].raters"), (refused.Status, refused.Field));
            Assert.StartsWith("expected the raters of group 'leaders' of 'conduct-evaluation' stated in a draft", refused.Detail(Domain.Text.Language.En), StringComparison.Ordinal);
            Assert.EndsWith("found none", refused.Detail(Domain.Text.Language.En), StringComparison.Ordinal);
            Assert.Contains("评价主体组 'leaders'", refused.Detail(Domain.Text.Language.Zh), StringComparison.Ordinal);
            Assert.Equal("$.ratedIndicators[0].raterGroups[2].raters", Assert.Single(refused.Errors).Field);
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(SchemeStatus.Draft, (await schemes.GetAsync("o1-legacy", 1))!.Status);

        // Changed meanwhile (here in storage, still without raters): a submission under the tag served before is a
        // conflict, not judged on a draft the caller has not seen.
        var meanwhile = await schemes.UpdateDraftAsync(created.Scheme with { Name = new LocalizedText("他人改名") }, created.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => actions.SubmitAsync(AppraisalOffice, "o1-legacy", 1, created.ETag, default));
        Assert.Equal(SchemeStatus.Draft, (await schemes.GetAsync("o1-legacy", 1))!.Status);

        // Stated: saved, then submitted.
        var stated = await actions.UpdateAsync(AppraisalOffice, Template("o1-legacy"), meanwhile.ETag, default);
        var submitted = await actions.SubmitAsync(AppraisalOffice, "o1-legacy", 1, stated.ETag, default);
        Assert.Equal(SchemeStatus.Submitted, submitted.Status);
    }

    [Fact]
    public async Task ASchemeDecidedBeforeRaterKinds_StillLoads_AndReadsAsSameDepartmentWithKOfOne()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var (actions, schemes) = Services(account);
        var legacy = WithoutRaters(Template("o1-decided"), 0);
        var draft = await schemes.AddDraftAsync(legacy, Office);
        await schemes.DecideAsync("o1-decided", 1, "party-1", DateTimeOffset.UtcNow, draft.ETag);

        var read = await actions.GetAsync(AppraisalOffice, "o1-decided", 1, default);

        Assert.Equal(SchemeStatus.Decided, read.Status);
        var colleagues = read.Scheme.RatedIndicators[0].RaterGroups[0];
        Assert.Equal(((RaterKind?)null, RaterKind.SameDepartment, 1), (colleagues.Raters, colleagues.EffectiveRaters, colleagues.EffectiveMinResponses));
    }
}
