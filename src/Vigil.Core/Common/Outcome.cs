namespace Vigil.Common;

/// <summary>Why an input was refused: decides the HTTP status and CLI exit code at the edge.</summary>
public enum ProblemKind
{
    /// <summary>The input itself is wrong (400 / exit 2).</summary>
    Invalid,

    /// <summary>The actor's role may not do this (403).</summary>
    Forbidden,

    /// <summary>The input is well-formed but the current state does not allow it (409).</summary>
    Conflict,

    /// <summary>What the input refers to does not exist (404).</summary>
    NotFound,
}

/// <summary>A value, or the problems that refused it. Core operations return this instead of throwing.</summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, IReadOnlyList<Problem> problems, ProblemKind kind)
    {
        _value = value;
        Problems = problems;
        Kind = kind;
    }

    public bool IsSuccess => Problems.Count == 0;

    public IReadOnlyList<Problem> Problems { get; }

    public ProblemKind Kind { get; }

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("Outcome has problems: " + string.Join("; ", Problems));

    public static Outcome<T> Success(T value) => new(value, [], ProblemKind.Invalid);

    public static Outcome<T> Failure(ProblemKind kind, IReadOnlyList<Problem> problems)
    {
        Guard.Requires(problems.Count > 0, nameof(problems), "A failure needs at least one problem.");
        return new Outcome<T>(default, problems, kind);
    }

    public static Outcome<T> Failure(ProblemKind kind, Problem problem) => Failure(kind, [problem]);

    public static implicit operator Outcome<T>(T value) => Success(value);
}

/// <summary>Factory for <see cref="Outcome{T}"/> with the type inferred at the call site.</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Success(value);

    /// <summary>The input itself is wrong (400).</summary>
    public static Outcome<T> Refused<T>(Problem problem) => Outcome<T>.Failure(ProblemKind.Invalid, problem);

    public static Outcome<T> Refused<T>(IReadOnlyList<Problem> problems) => Outcome<T>.Failure(ProblemKind.Invalid, problems);

    /// <summary>The actor may not do this (403), e.g. a rectifier verifying their own work.</summary>
    public static Outcome<T> Forbidden<T>(Problem problem) => Outcome<T>.Failure(ProblemKind.Forbidden, problem);

    /// <summary>Not possible in the current state (409), e.g. rectifying a major hazard before its 五落实.</summary>
    public static Outcome<T> Conflict<T>(Problem problem) => Outcome<T>.Failure(ProblemKind.Conflict, problem);
}
