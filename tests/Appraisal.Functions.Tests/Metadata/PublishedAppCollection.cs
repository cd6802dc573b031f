namespace Appraisal.Functions.Tests.Metadata;

/// <summary>Every test of the published app shares one publish.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "Published Functions app";
}
