namespace Appraisal.SelfHost.Tests;

/// <summary>The CLI's storage tests share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
