using Appraisal.SelfHost.Demo;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Mail;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The outbox's sender against a real SMTP server (smtp4dev) that is not there, resets, or is cut off
/// mid-session by a proxy (<see cref="SmtpFaultProxy"/>), and that refuses one recipient for good (550): every mail
/// reaches the server exactly once after the fault clears; a mail cut off after the server had it all is set aside, not
/// sent twice; the refused one is set aside after that one attempt, listed for its own office only, and goes once when
/// resent to a corrected address — the resend audited in the office's chain.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SmtpFaultTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Office = "o-mail";
    private const string Stream = "cycle-o-mail-2026-Q1";

    [Fact]
    public async Task ServerAbsentResettingOrCutBeforeTheMessage_EveryMailArrivesOnceWhenItClears()
    {
        var outbox = new OutboxRepository(await AzuriteFixture.FreshAccountAsync());
        var clock = new MailDispatchTests.SteppedClock(DateTimeOffset.UtcNow);
        await using var proxy = new SmtpFaultProxy(mail.Server.SmtpPort);
        var tags = Enumerable.Range(0, 3).Select(i => MailDispatchTests.Tag($"fault{i}")).ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            await outbox.EnqueueAsync(Stream, new OutboxMessage($"m{i}", $"person{i}@example.org", tags[i], "正文", "zh", clock.GetUtcNow(), OfficeId: Office));
        }

        // Nothing listening: the pass fails before taking any mail.
        await Assert.ThrowsAnyAsync<Exception>(() => MailDispatchTests.Dispatcher(outbox, clock, Smtp4dev.FreePort()).DispatchAsync(default));
        Assert.All(await outbox.AllAsync(Stream), m => Assert.Equal(0, m.Value.Attempts));

        var dispatcher = MailDispatchTests.Dispatcher(outbox, clock, proxy.Port);
        foreach (var fault in new[] { SmtpFault.Reset, SmtpFault.DropAfterGreeting })
        {
            proxy.Fault = fault;
            await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DispatchAsync(default));
            Assert.All(await outbox.AllAsync(Stream), m => Assert.True(m.Value is { Attempts: 0, SentAt: null }, $"{fault}: {m.Value}"));
        }

        // Cut when the message is to follow DATA: the one taken waits to retry; the server has nothing.
        proxy.Fault = SmtpFault.DropAtData;
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        var tried = (await outbox.AllAsync(Stream)).Where(m => m.Value.Attempts > 0).ToList();
        Assert.True(Assert.Single(tried).Value is { Attempts: 1, SentAt: null, SetAsideAt: null, LastError.Length: > 0 }, tried[0].Value.ToString());
        Assert.Equal(3, proxy.Faulted);
        Assert.DoesNotContain(await mail.Server.MessagesAsync(default), m => tags.Contains(m.Subject));

        proxy.Fault = SmtpFault.None;
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(3, await dispatcher.DispatchAsync(default));
        clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        var received = await mail.WaitForMailsAsync([], m => tags.Contains(m.Subject), 3);
        Assert.Equal(tags.Order(StringComparer.Ordinal), received.Select(m => m.Subject).Order(StringComparer.Ordinal)); // each exactly once
        Assert.All(await outbox.AllAsync(Stream), m => Assert.NotNull(m.Value.SentAt));
    }

    [Fact]
    public async Task ConnectionCutAfterTheServerHadTheWholeMessage_IsSetAsideAndNotSentTwice()
    {
        var outbox = new OutboxRepository(await AzuriteFixture.FreshAccountAsync());
        var clock = new MailDispatchTests.SteppedClock(DateTimeOffset.UtcNow);
        await using var proxy = new SmtpFaultProxy(mail.Server.SmtpPort);
        var dispatcher = MailDispatchTests.Dispatcher(outbox, clock, proxy.Port);
        var tag = MailDispatchTests.Tag("uncertain");
        await outbox.EnqueueAsync(Stream, new OutboxMessage("result-E1", "li.si@example.org", tag, "您的考核结果已确定。", "zh", clock.GetUtcNow(), OfficeId: Office));

        proxy.Fault = SmtpFault.DropAfterDataEnd;
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        Assert.Equal(1, proxy.Faulted);
        var setAside = Assert.Single(await outbox.AllAsync(Stream)).Value;
        Assert.True(setAside is { Attempts: 1, SentAt: null, SetAsideAt: not null }, setAside.ToString());
        Assert.StartsWith(MailDispatcher.UncertainPrefix, setAside.LastError, StringComparison.Ordinal);

        proxy.Fault = SmtpFault.None;
        for (var pass = 0; pass < 3; pass++)
        {
            clock.Now += TimeSpan.FromDays(1);
            Assert.Equal(0, await dispatcher.DispatchAsync(default));
        }

        await mail.WaitForMailsAsync([], m => m.Subject == tag, 1);
        await Task.Delay(500);
        Assert.Single(await mail.Server.MessagesAsync(default), m => m.Subject == tag);
    }

    [Fact]
    public async Task RefusedForGood_IsSetAsideAtOnce_ListedForItsOfficeOnly_AndGoesOnceWhenResentToACorrectedAddress()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var outbox = new OutboxRepository(account);
        var audit = new AuditLog(account);
        var clock = new MailDispatchTests.SteppedClock(DateTimeOffset.UtcNow);
        var dispatcher = MailDispatchTests.Dispatcher(outbox, clock, mail.Server.SmtpPort);
        var (good, bad) = (MailDispatchTests.Tag("good"), MailDispatchTests.Tag("refused"));
        await outbox.EnqueueAsync(Stream, new OutboxMessage("a-good", "wang.wu@example.org", good, "正文", "zh", clock.GetUtcNow(), OfficeId: Office));
        await outbox.EnqueueAsync(Stream, new OutboxMessage("b-refused", $"zhao.liu@{MailFixture.UndeliverableDomain}", bad, "正文", "zh", clock.GetUtcNow(), OfficeId: Office));
        await outbox.EnqueueAsync(Stream, new OutboxMessage("c-good", "qian.qi@example.org", good, "正文", "zh", clock.GetUtcNow(), OfficeId: Office));

        Assert.Equal(2, await dispatcher.DispatchAsync(default));
        var refused = (await outbox.AllAsync(Stream)).Single(m => m.RowKey == "b-refused").Value;
        Assert.True(refused is { Attempts: 1, SentAt: null, SetAsideAt: not null }, refused.ToString());
        Assert.StartsWith("550 ", refused.LastError, StringComparison.Ordinal);
        clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));

        var service = new SetAsideMail(outbox, audit, clock);
        var theOffice = new Caller("ban.gong", new HashSet<Role> { Role.AppraisalOffice }, Office, null);
        var listed = Assert.Single(await service.ListAsync(theOffice, Office, default));
        Assert.Equal(("b-refused", refused.To, 1), (listed.RowKey, listed.Value.To, listed.Value.Attempts));
        Assert.Empty(await service.ListAsync(new Caller("x", new HashSet<Role> { Role.AppraisalOffice }, "o-other", null), "o-other", default));
        foreach (var outsider in new[]
        {
            new Caller("admin2", new HashSet<Role> { Role.Administrator }, "o-other", null),
            new Caller("head", new HashSet<Role> { Role.DepartmentHead }, Office, "D1"),
            new Caller("party", new HashSet<Role> { Role.PartyGroup }, Office, null),
        })
        {
            Assert.Equal(403, (await Assert.ThrowsAsync<RequestRefusedException>(() => service.ListAsync(outsider, Office, default))).Status);
            Assert.Equal(403, (await Assert.ThrowsAsync<RequestRefusedException>(() => service.ResendAsync(outsider, Office, Stream, "b-refused", null, default))).Status);
        }

        // Another office's appraisal office asking for it by name: not theirs.
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestRefusedException>(() =>
            service.ResendAsync(new Caller("x", new HashSet<Role> { Role.AppraisalOffice }, "o-other", null), "o-other", Stream, "b-refused", null, default))).Status);
        var badAddress = await Assert.ThrowsAsync<RequestRefusedException>(() => service.ResendAsync(theOffice, Office, Stream, "b-refused", "zhao.liu at example.org", default));
        Assert.Equal((400, "to"), (badAddress.Status, badAddress.Field));
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestRefusedException>(() => service.ResendAsync(theOffice, Office, Stream, "a-good", null, default))).Status);
        Assert.Equal(refused, (await outbox.AllAsync(Stream)).Single(m => m.RowKey == "b-refused").Value);
        Assert.Empty(await audit.ReadAsync(Office, AuditPeriods.Office));

        await service.ResendAsync(theOffice, Office, Stream, "b-refused", " zhao.liu@example.org ", default);
        var entry = Assert.Single(await audit.ReadAsync(Office, AuditPeriods.Office));
        Assert.Equal(("ban.gong", SetAsideMail.ResentAction, $"{Stream}/b-refused", refused.To, "zhao.liu@example.org"), (entry.Actor, entry.Action, entry.Target, entry.Before, entry.After));
        Assert.Empty(await service.ListAsync(theOffice, Office, default));
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestRefusedException>(() => service.ResendAsync(theOffice, Office, Stream, "b-refused", null, default))).Status);

        Assert.Equal(1, await dispatcher.DispatchAsync(default));
        clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        Assert.Equal("zhao.liu@example.org", Assert.Single(await mail.WaitForMailsAsync([], m => m.Subject == bad, 1)).To);
        Assert.Equal(2, (await mail.Server.MessagesAsync(default)).Count(m => m.Subject == good));
    }
}
