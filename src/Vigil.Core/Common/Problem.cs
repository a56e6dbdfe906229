namespace Vigil.Common;

/// <summary>
/// A rejected input (DESIGN principle 6): the field, row:column or byte it concerns, a stable machine code,
/// and a message already in the user's language. Returned as a value, never thrown.
/// </summary>
/// <param name="Field">What is wrong, as the user named it: a JSON field, "row 3, column PM10", "byte 57".</param>
/// <param name="Code">Stable identifier for programs, e.g. "value.negative".</param>
/// <param name="Message">Localized text that names the field.</param>
public sealed record Problem(string Field, string Code, string Message)
{
    public override string ToString() => Message;
}
