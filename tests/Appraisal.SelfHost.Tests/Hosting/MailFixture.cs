using Appraisal.SelfHost.Demo;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A real smtp4dev (the repository's local tool) on free loopback ports for a test class, stopped after it,
/// refusing recipients at <see cref="UndeliverableDomain"/>; and the settings that point a self-host's mail at it.</summary>
public sealed class MailFixture : IAsyncLifetime
{
    public Smtp4dev Server { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__AllowInsecure"] = "true",
        ["Smtp__PollInterval"] = "00:00:00.500",
    };

    /// <summary>The server refuses every recipient at this domain (550 at RCPT TO), as a relay refuses unknown addresses.</summary>
    public const string UndeliverableDomain = "undeliverable.example";

    public async Task InitializeAsync() =>
        Server = await Smtp4dev.StartAsync(AzuriteFixture.RepositoryRoot(), Smtp4dev.FreePort(), Smtp4dev.FreePort(), CancellationToken.None, UndeliverableDomain);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Waits up to a minute for <paramref name="count"/> new mails (not in <paramref name="before"/>) that
    /// match, and checks there are exactly that many.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMailsAsync(HashSet<string> before, Func<ReceivedMail, bool> which, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = (await Server.MessagesAsync(default)).Where(m => !before.Contains(m.Id) && which(m)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, found.Count);
                return found;
            }

            await Task.Delay(250);
        }
    }
}
