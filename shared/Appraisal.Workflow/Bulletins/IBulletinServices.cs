namespace Appraisal.Workflow.Bulletins;

/// <summary>Composes and stores a month's bulletin: running scores and warnings from the stored data.</summary>
public interface IBulletinServices
{
    Task<BulletinOutcome> ComposeAsync(BulletinInput input, CancellationToken cancel);
}
