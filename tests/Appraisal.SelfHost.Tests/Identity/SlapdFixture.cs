namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>One <see cref="Slapd"/> with the <see cref="SampleDirectory"/> for a test class.</summary>
public sealed class SlapdFixture : IAsyncLifetime
{
    private Slapd? _server;

    public SampleDirectory Directory { get; } = SampleDirectory.OfSampleOffice();

    public Slapd Server => _server ?? throw new InvalidOperationException("slapd has not started");

    public async Task InitializeAsync() => _server = await Slapd.StartAsync(Directory.People);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
