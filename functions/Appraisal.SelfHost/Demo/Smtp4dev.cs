using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Appraisal.SelfHost.Demo;

/// <summary>smtp4dev, the local SMTP server with a web page of the mails it received (a .NET local tool of the
/// repository): started on loopback, in memory, or found already listening; read through its REST API.</summary>
public sealed class Smtp4dev : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly HttpClient _http;

    private Smtp4dev(Process? process, int smtpPort, Uri web)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebUrl = web;
        _http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int SmtpPort { get; }

    /// <summary>The web page listing the mails (and the REST API under <c>api/</c>).</summary>
    public Uri WebUrl { get; }

    /// <summary>Uses the smtp4dev listening on these ports, or starts one there (from the repository's tool manifest);
    /// one it starts refuses every recipient at <paramref name="refusedDomain"/> when given, as a relay refuses an
    /// address that does not exist.</summary>
    public static async Task<Smtp4dev> StartAsync(string repositoryRoot, int smtpPort, int webPort, CancellationToken cancel, string? refusedDomain = null)
    {
        var web = new Uri($"http://127.0.0.1:{webPort}/");
        if (await ListeningAsync(smtpPort) && await ListeningAsync(webPort))
        {
            return new Smtp4dev(null, smtpPort, web);
        }

        var data = Directory.CreateTempSubdirectory("smtp4dev");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (refusedDomain is not null)
        {
            start.Environment["ServerOptions__RecipientValidationExpression"] = $"!String(recipient).toLowerCase().endsWith('@{refusedDomain.ToLowerInvariant()}')";
        }

        foreach (var arg in new[]
        {
            "smtp4dev", $"--baseappdatapath={data.FullName}", "--nousersettings", $"--urls={web.ToString().TrimEnd('/')}", $"--smtpport={smtpPort}",
            "--bindaddress=127.0.0.1", "--allowremoteconnections-", "--disableipv6", "--db=", "--imapport=", "--pop3port=", "--messagestokeep=100000",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var smtp4dev = new Smtp4dev(process, smtpPort, web);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode}: run 'dotnet tool restore' in {repositoryRoot}");
            }

            try
            {
                if (await ListeningAsync(smtpPort) && (await smtp4dev._http.GetAsync(new Uri("api/Messages", UriKind.Relative), cancel)).IsSuccessStatusCode)
                {
                    return smtp4dev;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await smtp4dev.DisposeAsync();
                throw new InvalidOperationException($"smtp4dev did not answer on {web} within 60 s");
            }

            await Task.Delay(200, cancel);
        }
    }

    /// <summary>Every mail received, newest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync(CancellationToken cancel)
    {
        using var response = await _http.GetAsync(new Uri("api/Messages?pageSize=100000", UriKind.Relative), cancel);
        response.EnsureSuccessStatusCode();
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("results");
        return [.. items.EnumerateArray().Select(m => new ReceivedMail(
            m.GetProperty("id").GetString()!,
            m.GetProperty("subject").GetString() ?? "",
            m.GetProperty("to").ValueKind == JsonValueKind.Array ? string.Join(",", m.GetProperty("to").EnumerateArray().Select(t => t.GetString())) : m.GetProperty("to").GetString() ?? ""))];
    }

    public async Task<string> PlainTextAsync(string id, CancellationToken cancel) =>
        await _http.GetStringAsync(new Uri($"api/Messages/{id}/plaintext", UriKind.Relative), cancel);

    public async Task<string> RawAsync(string id, CancellationToken cancel) =>
        await _http.GetStringAsync(new Uri($"api/Messages/{id}/raw", UriKind.Relative), cancel);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts connections on the loopback port.</summary>
    public static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}

/// <summary>A mail as smtp4dev lists it.</summary>
public sealed record ReceivedMail(string Id, string Subject, string To);
