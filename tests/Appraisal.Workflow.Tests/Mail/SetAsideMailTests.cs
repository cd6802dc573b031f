using Appraisal.Storage.Infrastructure;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Mail;

namespace Appraisal.Workflow.Tests.Mail;

/// <summary>Whose a set-aside mail is: the office it records, or — for mail enqueued before the office was recorded —
/// the office its stream names before the period, never a shorter office id that merely starts the same.</summary>
public sealed class SetAsideMailTests
{
    private static Stored<OutboxMessage> Message(string stream, string? office = null) =>
        new(stream, "k", new OutboxMessage("k", "a@example.org", "s", "b", "zh", DateTimeOffset.UnixEpoch, OfficeId: office), Azure.ETag.All);

    [Theory]
    [InlineData("cycle-sample-basic-2026-Q1", "sample-basic")]
    [InlineData("cycle-o1-2026-Q1", "o1")]
    [InlineData("bulletin-a-b-2026-M03", "a-b")]
    [InlineData("cycle-a-2026-Q2", "a")]
    [InlineData("cycle-o1-not-a-period", null)]
    [InlineData("a-undeliverable", null)]
    [InlineData("cycle-2026-Q1", null)]
    public void AMailOfNoRecordedOffice_IsItsStreamsOffice(string stream, string? office) =>
        Assert.Equal(office, SetAsideMail.OfficeOf(Message(stream)));

    [Fact]
    public void TheRecordedOffice_StandsOverTheStream() =>
        Assert.Equal("o2", SetAsideMail.OfficeOf(Message("cycle-o1-2026-Q1", "o2")));
}
