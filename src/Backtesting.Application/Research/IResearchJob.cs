namespace Backtesting.Application.Research;

/// <summary>
/// A validated research job: the workflow's input and the run's stored request. Activities get only the
/// run id and read the job back from the run (Durable payloads stay small whatever the job's size).
/// </summary>
public interface IResearchJob
{
    string RunId { get; }
    string UserId { get; }
}
