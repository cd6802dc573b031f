using Appraisal.Storage.Submissions;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class SubmissionRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 25, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task TheSameIdempotencyKeyAgain_ReturnsTheStoredSubmission_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        var submission = Submission("D02", "E0005", "key-1", "{\"score\":95}");
        var stored = await repository.SubmitAsync(submission);
        var before = await StorageSnapshot.TakeAsync(account);

        var retried = await repository.SubmitAsync(submission with { SubmittedAt = Noon.AddSeconds(30), Payload = "{\"score\":99}" });

        Assert.Equal(submission, retried.Value);
        Assert.Equal(stored.ETag, retried.ETag);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Theory]
    [InlineData("key-2")]
    [InlineData(null)]
    public async Task ADifferentSubmissionForTheSameSubject_Conflicts409_AndChangesNothing(string? key)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        var submission = Submission("D02", "E0005", "key-1", "{\"score\":95}");
        await repository.SubmitAsync(submission);
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.SubmitAsync(Submission("D02", "E0005", key, "{\"score\":60}")));

        Assert.Equal(409, conflict.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(submission, Assert.Single(await repository.ForCycleAsync("sample-basic", "2026-Q1")).Value);
    }

    [Fact]
    public async Task ADepartmentsSubmissions_AreOnlyThatDepartments()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        SubmissionRecord[] all =
        [
            Submission("D02", null, "a", "{}"),
            Submission("D02", "E0005", "b", "{}"),
            Submission("D02", "E0036", "c", "{}"),
            Submission("D020", null, "d", "{}"),
            Submission("D020", "E0100", "e", "{}"),
            Submission("D01", "E0001", "f", "{}"),
            Submission("D02", "E0005", "g", "{}") with { Period = "2026-Q2" },
        ];
        foreach (var submission in all)
        {
            await repository.SubmitAsync(submission);
        }

        var d02 = await repository.ForDepartmentAsync("sample-basic", "2026-Q1", "D02");

        Assert.Equal([all[0], all[1], all[2]], d02.Select(s => s.Value));
        Assert.Equal(["D02~-", "D02~E0005", "D02~E0036"], d02.Select(s => s.RowKey));
        Assert.Equal([all[3], all[4]], (await repository.ForDepartmentAsync("sample-basic", "2026-Q1", "D020")).Select(s => s.Value));
        Assert.Empty(await repository.ForDepartmentAsync("sample-basic", "2026-Q1", "D03"));
        Assert.Equal(6, (await repository.ForCycleAsync("sample-basic", "2026-Q1")).Count);
    }

    [Fact]
    public async Task ADepartmentsOwnSubmissionWithoutAKey_ReadsBackWithItsNulls()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        var submission = Submission("D02", null, null, "{}");

        var stored = await repository.SubmitAsync(submission);

        Assert.Equal("D02~-", stored.RowKey);
        var read = Assert.Single(await repository.ForCycleAsync("sample-basic", "2026-Q1"));
        Assert.Equal(submission, read.Value);
        Assert.Null(read.Value.SubjectId);
        Assert.Null(read.Value.IdempotencyKey);
    }

    [Fact]
    public async Task AnUpdateFromAStaleETag_Conflicts412()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        var stored = await repository.SubmitAsync(Submission("D02", "E0005", "key-1", "{}"));
        var approved = stored.Value with { Status = "approved" };
        await repository.UpdateAsync(approved, stored.ETag);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(stored.Value with { Status = "returned" }, stored.ETag));

        Assert.Equal(412, conflict.Status);
        Assert.Equal(approved, Assert.Single(await repository.ForDepartmentAsync("sample-basic", "2026-Q1", "D02")).Value);
    }

    [Fact]
    public async Task APayloadLongerThanOneTableProperty_RoundTrips()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SubmissionRepository(account);
        var payload = "{\"text\":\"" + string.Concat(Enumerable.Range(0, 10_000).Select(i => "自查自评第" + (i % 10) + "项")) + "\"}";
        var submission = Submission("D02", null, "long", payload);

        await repository.SubmitAsync(submission);

        Assert.Equal(70_011, payload.Length);
        Assert.Equal(submission, Assert.Single(await repository.ForDepartmentAsync("sample-basic", "2026-Q1", "D02")).Value);
    }

    private static SubmissionRecord Submission(string department, string? subject, string? key, string payload) =>
        new("sample-basic", "2026-Q1", department, subject, "E0005", Noon, key, "submitted", payload);
}
