using System.Globalization;
using Appraisal.SelfHost.Tests.Cli;
using Appraisal.Storage;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Mail;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The outbox's sender against a real SMTP server (smtp4dev) that refuses the recipients of one domain for the
/// time being (its 550 turned into 450 by <see cref="SmtpFaultProxy"/>), as a relay that cannot reach a mailbox yet:
/// refused mail waiting to retry never holds back mail that can go; mail
/// refused <c>Smtp:MaxAttempts</c> times is set aside with its error and not tried again by itself; an administrator
/// sees it (<c>appraisal mail failed</c>) and resends it to a corrected address, and it goes exactly once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MailDispatchTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private static readonly string Refused = "@" + MailFixture.UndeliverableDomain;

    [Fact]
    public async Task UndeliverableMailWaitingToRetry_DoesNotHoldBackMailThatCanGo()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var outbox = new OutboxRepository(account);
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        await using var proxy = new SmtpFaultProxy(mail.Server.SmtpPort) { Fault = SmtpFault.TemporaryRefusals };
        var dispatcher = Dispatcher(outbox, clock, proxy.Port, batchSize: 100);
        var tag = Tag("good");
        for (var i = 0; i < 150; i++)
        {
            await outbox.EnqueueAsync("a-undeliverable", new OutboxMessage($"m{i:D3}", $"person{i}{Refused}", Tag("bad"), "正文", "zh", clock.GetUtcNow()));
        }

        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        var waiting = await outbox.AllAsync("a-undeliverable");
        Assert.Equal(150, waiting.Count);
        Assert.All(waiting, m => Assert.True(m.Value is { Attempts: 1, SentAt: null, SetAsideAt: null, LastError.Length: > 0 }, $"{m.RowKey}: {m.Value}"));

        var before = await ReceivedAsync();
        for (var i = 0; i < 3; i++)
        {
            await outbox.EnqueueAsync("b-deliverable", new OutboxMessage($"g{i}", $"person{i}@example.org", tag, "正文", "zh", clock.GetUtcNow()));
        }

        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(3, await dispatcher.DispatchAsync(default));

        var received = await mail.WaitForMailsAsync(before, m => m.Subject == tag, 3);
        Assert.Equal(["person0@example.org", "person1@example.org", "person2@example.org"], received.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await mail.Server.MessagesAsync(default), m => m.To.Contains(Refused, StringComparison.OrdinalIgnoreCase));
        Assert.All(await outbox.AllAsync("b-deliverable"), m => Assert.NotNull(m.Value.SentAt));
    }

    [Fact]
    public async Task MailRefusedMaxAttemptsTimes_IsSetAsideAndNotRetried_AndResentOnRequestGoesOnce()
    {
        const string Stream = "cycle-sample-basic-2026-Q1";
        const string Key = "result-E0012";
        var account = await AzuriteFixture.FreshAccountAsync();
        var outbox = new OutboxRepository(account);
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        await using var proxy = new SmtpFaultProxy(mail.Server.SmtpPort) { Fault = SmtpFault.TemporaryRefusals };
        var dispatcher = Dispatcher(outbox, clock, proxy.Port);
        var tag = Tag("result");
        await outbox.EnqueueAsync(Stream, new OutboxMessage(Key, $"zhang.san{Refused}", tag, "您的考核结果已确定。", "zh", clock.GetUtcNow()));

        var maxAttempts = new SmtpOptions().MaxAttempts;
        Assert.Equal(8, maxAttempts);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            Assert.Equal(0, await dispatcher.DispatchAsync(default));
            var tried = Assert.Single(await outbox.AllAsync(Stream)).Value;
            Assert.Equal(attempt, tried.Attempts);
            Assert.Equal(attempt == maxAttempts, tried.SetAsideAt is not null);
            clock.Now += TimeSpan.FromHours(1);
        }

        clock.Now += TimeSpan.FromDays(30);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        var setAside = Assert.Single(await outbox.AllAsync(Stream)).Value;
        Assert.Equal(8, setAside.Attempts);
        Assert.False(string.IsNullOrEmpty(setAside.LastError));

        var failed = await CliRun.InvokeAsync(account.Options, "mail", "failed", "--lang", "en");
        Assert.Equal(0, failed.ExitCode);
        Assert.Contains($"{Stream} {Key} → zhang.san{Refused}: failed 8 time(s), set aside since ", failed.Output, StringComparison.Ordinal);
        Assert.Contains("last error: " + setAside.LastError, failed.Output, StringComparison.Ordinal);
        Assert.Contains("1 mail(s) set aside", failed.Output, StringComparison.Ordinal);

        var badAddress = await CliRun.InvokeAsync(account.Options, "mail", "resend", "--stream", Stream, "--key", Key, "--to", "zhang.san at example.org");
        Assert.Equal(2, badAddress.ExitCode);
        Assert.Contains("--to", badAddress.Error, StringComparison.Ordinal);
        Assert.Equal(setAside, Assert.Single(await outbox.AllAsync(Stream)).Value);

        var before = await ReceivedAsync();
        var resend = await CliRun.InvokeAsync(account.Options, "mail", "resend", "--stream", Stream, "--key", Key, "--to", "zhang.san@example.org");
        Assert.Equal(0, resend.ExitCode);
        Assert.Contains("将在下一轮发送", resend.Output, StringComparison.Ordinal);
        Assert.Equal(1, await dispatcher.DispatchAsync(default));
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));

        Assert.Equal("zhang.san@example.org", Assert.Single(await mail.WaitForMailsAsync(before, m => m.Subject == tag, 1)).To);
        Assert.NotNull(Assert.Single(await outbox.AllAsync(Stream)).Value.SentAt);
        var again = await CliRun.InvokeAsync(account.Options, "mail", "resend", "--stream", Stream, "--key", Key);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("未被搁置", again.Error, StringComparison.Ordinal);
        Assert.Contains("共 0 封搁置的邮件", (await CliRun.InvokeAsync(account.Options, "mail", "failed")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageLostBetweenSendingAndMarking_MarkIsStoredOnceItIsBack_AndTheMailGoesOnce()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        await using var proxy = await FaultProxy.StartAsync(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString, Prefix = "m" + Guid.NewGuid().ToString("N")[..10], MaxRetries = 1 };
        var account = new StorageAccount(options);
        await account.EnsureCreatedAsync();
        var outbox = new OutboxRepository(account);
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var tag = Tag("once");
        const string Stream = "cycle-sample-basic-2026-Q1";
        await outbox.EnqueueAsync(Stream, new OutboxMessage("result-E0001", "li.si@example.org", tag, "您的考核结果已确定。", "zh", clock.GetUtcNow()));
        var before = await ReceivedAsync();

        // Storage goes away once the message is claimed (the claim is the outbox's first replace): the mail goes, its
        // mark cannot be stored.
        proxy.DownAfter(1, r => r.Method == "PUT" && r.Path.Value!.Contains($"{options.Prefix}{TableNames.Outbox}(", StringComparison.OrdinalIgnoreCase));
        var dispatcher = Dispatcher(new OutboxRepository(new StorageAccount(new StorageOptions { ConnectionString = proxy.ConnectionString, Prefix = options.Prefix, MaxRetries = options.MaxRetries })), clock, mail.Server.SmtpPort);
        var pass = dispatcher.DispatchAsync(default);
        await mail.WaitForMailsAsync(before, m => m.Subject == tag, 1);
        // The storage client tries the mark MaxRetries + 1 times; a pass that gave up then would end here.
        while (proxy.Dropped <= options.MaxRetries + 1 && !pass.IsCompleted)
        {
            await Task.Delay(100);
        }

        Assert.False(pass.IsCompleted, "the pass ended with the mail sent but not recorded");
        Assert.Null(Assert.Single(await outbox.AllAsync(Stream)).Value.SentAt);

        // Back: the mark is stored and the pass ends; once the claim would have lapsed, nothing goes again.
        proxy.PassThrough();
        Assert.Equal(1, await pass);
        Assert.NotNull(Assert.Single(await outbox.AllAsync(Stream)).Value.SentAt);
        clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(0, await dispatcher.DispatchAsync(default));
        Assert.Single(await mail.Server.MessagesAsync(default), m => !before.Contains(m.Id) && m.Subject == tag);
    }


    /// <summary>A sender to the SMTP server on the loopback port (smtp4dev, or a proxy in front of it), in the clear.</summary>
    internal static MailDispatcher Dispatcher(OutboxRepository outbox, TimeProvider clock, int port, int batchSize = 200) => new(outbox, new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = port,
        Security = "None",
        AllowInsecure = true,
        BatchSize = batchSize,
    }, clock, NullLogger<MailDispatcher>.Instance);

    private async Task<HashSet<string>> ReceivedAsync() => (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

    internal static string Tag(string what) => string.Create(CultureInfo.InvariantCulture, $"{what}-{Guid.NewGuid():N}");

    /// <summary>A clock the test moves: past retry delays without waiting for them.</summary>
    internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
