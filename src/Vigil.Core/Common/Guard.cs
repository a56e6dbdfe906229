namespace Vigil.Common;

/// <summary>
/// The one guard helper of the core (after NodaTime's Preconditions): internal invariants only.
/// User input is validated into results with field names, never through exceptions.
/// </summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);

    public static void Requires(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
