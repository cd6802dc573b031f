using System.Globalization;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Durations as the start form shows and takes them (days, decimals allowed): an office's setting shown in the
/// form reads back as a duration its limit holds, however short — a setting of seconds is not shown as "0", which the
/// form would then refuse.</summary>
public sealed class DurationLimitTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(45)]
    [InlineData(12 * 3600)]
    [InlineData(10 * 86400)]
    public void ASetting_ShownInTheForm_ReadsBackWithinItsLimit(int seconds)
    {
        var setting = TimeSpan.FromSeconds(seconds);

        var shown = DurationLimit.Days(setting);
        var read = TimeSpan.FromDays(double.Parse(shown, NumberStyles.Float, CultureInfo.InvariantCulture));

        Assert.True(DurationLimit.RatingTime.Holds(read), $"{seconds} s shown as '{shown}' days");
        Assert.InRange(Math.Abs((read - setting).TotalSeconds), 0, 0.1);
    }
}
