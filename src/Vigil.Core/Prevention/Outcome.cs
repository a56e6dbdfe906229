using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>
/// The answer to a request that may be refused (DESIGN principle 6): either a value or the problems that name
/// the offending fields. Forbidden actions come back as values, never as exceptions.
/// </summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    internal Outcome(T value)
    {
        _value = value;
        Problems = [];
    }

    internal Outcome(IReadOnlyList<Problem> problems)
    {
        Guard.Requires(problems.Count > 0, nameof(problems), "A refusal needs at least one problem.");
        Problems = problems;
    }

    public bool IsSuccess => Problems.Count == 0;

    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The value; asking for it on a refusal is a programming error, not a user error.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Refused: {Problems[0].Message}");
}

/// <summary>Factory for <see cref="Outcome{T}"/> (static members live here, not on the generic type).</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => new(value);

    public static Outcome<T> Refused<T>(Problem problem) => new([problem]);

    public static Outcome<T> Refused<T>(IReadOnlyList<Problem> problems) => new(problems);
}
