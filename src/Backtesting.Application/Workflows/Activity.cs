namespace Backtesting.Application.Workflows;

/// <summary>Typed base for activities: the name is the class name, input and output are plain DTOs.</summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    /// <summary>The class name: what workflows call (<see cref="ActivityName{TInput, TOutput}"/>) and what the Functions app names its function.</summary>
    public string Name => NameOf(GetType());

    internal static string NameOf(Type activityType) => activityType.Name;

    public Type InputType => typeof(TInput);

    public async Task<object?> RunAsync(object? input, CancellationToken ct) => await RunAsync((TInput)input!, ct).ConfigureAwait(false);

    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken ct);
}
