namespace Backtesting.Application.Workflows;

/// <summary>
/// An activity as a workflow calls it: its name with the input and output types of its declaration, so a call cannot
/// pass another input or read another output than the activity's (a mismatch would otherwise surface only at run
/// time, as a JSON payload read into the wrong type). Made from the activity class by <see cref="Of{TActivity}"/>.
/// </summary>
public readonly record struct ActivityName<TInput, TOutput>(string Name)
{
    /// <summary>The activity <typeparamref name="TActivity"/>; it compiles only when its declared input and output are these.</summary>
    public static ActivityName<TInput, TOutput> Of<TActivity>() where TActivity : Activity<TInput, TOutput> => new(Activity<TInput, TOutput>.NameOf(typeof(TActivity)));

    public override string ToString() => Name;
}
