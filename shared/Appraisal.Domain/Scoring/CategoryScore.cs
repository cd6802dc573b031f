namespace Appraisal.Domain.Scoring;

/// <summary>A category's score: raw on its own scale, and the points it adds to the total.</summary>
public readonly record struct CategoryScore(string Category, decimal Raw, decimal Points);
