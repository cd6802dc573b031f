using System.Globalization;

namespace Appraisal.Benchmarks;

/// <summary>Peak resident memory over a stretch of a run (Linux, from /proc): this process's — it hosts the self-host,
/// its durable sidecar and the simulated people — as the kernel's high-water mark (VmHWM, reset at the start), and the
/// Azurite process's, sampled every 250 ms (its own high-water mark spans its whole life, shared with other runs).</summary>
internal sealed class PeakMemory
{
    private readonly string? _azurite;
    private readonly bool _reset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _self;
    private long _azuritePeak;

    private PeakMemory(string? connection)
    {
        _azurite = AzuriteProcess.Find(connection);
        try
        {
            // 5: reset the peak resident set size (proc(5), clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            _reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _reset = false;
        }

        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                do
                {
                    Sample();
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
                Sample();
            }
        });
    }

    /// <summary>Starts watching; <paramref name="connection"/> names the storage whose Azurite process to watch.</summary>
    public static PeakMemory Start(string? connection) => new(connection);

    /// <summary>The peaks in bytes: this process's, and Azurite's while watched (null when not found).</summary>
    public async Task<(long Self, long? Azurite)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
        var self = _reset && Kilobytes("/proc/self/status", "VmHWM:") is { } peak ? peak : _self > 0 ? _self : System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024;
        return (self * 1024, _azurite is null ? null : _azuritePeak * 1024);
    }

    /// <summary>"412 MB (Azurite 655 MB)".</summary>
    public static string Describe((long Self, long? Azurite) peak) => string.Create(CultureInfo.InvariantCulture,
        $"{peak.Self / 1048576.0:N0} MB (Azurite {(peak.Azurite is { } a ? $"{a / 1048576.0:N0} MB" : "not found")})");

    private void Sample()
    {
        _self = Math.Max(_self, Kilobytes("/proc/self/status", "VmRSS:") ?? 0);
        _azuritePeak = Math.Max(_azuritePeak, _azurite is null ? 0 : Kilobytes(Path.Combine(_azurite, "status"), "VmRSS:") ?? 0);
    }

    private static long? Kilobytes(string status, string field)
    {
        try
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>The Azurite process serving a connection string's table port, found in /proc (Linux).</summary>
internal static class AzuriteProcess
{
    /// <summary>Its /proc directory; null elsewhere than Linux or when there is no single such process.</summary>
    public static string? Find(string? connection)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var port = System.Text.RegularExpressions.Regex.Match(connection ?? string.Empty, @"TableEndpoint=http://[^:;]+:(\d+)") is { Success: true } m ? m.Groups[1].Value : "10002";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (command.Contains("azurite", StringComparison.Ordinal) && command.Contains("node", StringComparison.Ordinal)
                    && (port == "10002" ? !command.Contains("--tablePort", StringComparison.Ordinal) : command.Contains($"--tablePort {port}", StringComparison.Ordinal)))
                {
                    found.Add(dir);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The CPU time it used so far (null when not found).</summary>
    public static TimeSpan? Cpu(string? connection)
    {
        if (Find(connection) is not { } dir)
        {
            return null;
        }

        // Fields 14 and 15 of /proc/PID/stat (after the command in parentheses): user and system time in clock ticks.
        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
