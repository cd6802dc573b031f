using System.Diagnostics;

namespace Appraisal.SelfHost.Cli;

/// <summary>Reports progress of a long run on standard error, at most a few times a second.</summary>
internal sealed class ConsoleProgress(TextWriter writer, string what, int total, Domain.Text.Language language) : IProgress<int>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastReport;

    public void Report(int value)
    {
        lock (_gate)
        {
            if (_clock.ElapsedMilliseconds - _lastReport < 250 && value < total)
            {
                return;
            }

            _lastReport = _clock.ElapsedMilliseconds;
            writer.WriteLine($"{what} {value}/{total} ({value * 100L / Math.Max(1, total)}%)");
        }
    }

    public void Done() => writer.WriteLine(CliText.Pick(language, $"{what} {total} 个，用时 {_clock.ElapsedMilliseconds} 毫秒", $"{what} {total} done in {_clock.ElapsedMilliseconds} ms"));

    public void Dispose() => _clock.Stop();
}
