using System.Globalization;
using Vigil.Common;

namespace Vigil.Protocols.Hj212;

/// <summary>Why a frame was rejected; each value has a stable code (<see cref="Hj212Error.Code"/>).</summary>
public enum Hj212ErrorCode
{
    None,
    TooShort,
    Header,
    LengthDigits,
    LengthMismatch,
    CrcDigits,
    CrcMismatch,
    Terminator,
    InvalidByte,
    FieldSyntax,
    UnknownField,
    DuplicateField,
    MissingField,
    FieldValue,
    CpSyntax,
    SplitNumbering,
    SplitMismatch,
    SplitIncomplete,
}

/// <summary>A part of the frame an error can point at.</summary>
public enum Hj212Field
{
    None,
    Header,
    Length,
    DataSegment,
    Crc,
    Terminator,
    QN,
    ST,
    CN,
    PW,
    MN,
    Flag,
    PNUM,
    PNO,
    CP,

    /// <summary>MAC — Vigil's extension for stations with a key (SEC; seed 004 §8.2.4): 8 hex digits.</summary>
    MAC,
}

/// <summary>
/// A rejected frame, allocation-free so that the parser's failure path is as cheap as its success path
/// (a flood of garbage must not cost more than good data). <see cref="ToProblem"/> renders it for people.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Position">Byte offset in the frame where the problem was found.</param>
/// <param name="Field">The frame part concerned.</param>
/// <param name="Expected">For mismatches: the value the frame should have had (length, CRC); else 0.</param>
/// <param name="Actual">For mismatches: the value found; else 0.</param>
public readonly record struct Hj212Error(Hj212ErrorCode Kind, int Position, Hj212Field Field, int Expected = 0, int Actual = 0)
{
    public static Hj212Error None => default;

    public bool IsError => Kind != Hj212ErrorCode.None;

    /// <summary>The stable machine code, e.g. <c>hj212.crc.mismatch</c>.</summary>
    public string Code => Kind switch
    {
        Hj212ErrorCode.None => "hj212.ok",
        Hj212ErrorCode.TooShort => "hj212.frame.short",
        Hj212ErrorCode.Header => "hj212.header",
        Hj212ErrorCode.LengthDigits => "hj212.length.digits",
        Hj212ErrorCode.LengthMismatch => "hj212.length.mismatch",
        Hj212ErrorCode.CrcDigits => "hj212.crc.digits",
        Hj212ErrorCode.CrcMismatch => "hj212.crc.mismatch",
        Hj212ErrorCode.Terminator => "hj212.terminator",
        Hj212ErrorCode.InvalidByte => "hj212.byte.invalid",
        Hj212ErrorCode.FieldSyntax => "hj212.field.syntax",
        Hj212ErrorCode.UnknownField => "hj212.field.unknown",
        Hj212ErrorCode.DuplicateField => "hj212.field.duplicate",
        Hj212ErrorCode.MissingField => "hj212.field.missing",
        Hj212ErrorCode.FieldValue => "hj212.field.value",
        Hj212ErrorCode.CpSyntax => "hj212.cp.syntax",
        Hj212ErrorCode.SplitNumbering => "hj212.split.numbering",
        Hj212ErrorCode.SplitMismatch => "hj212.split.mismatch",
        Hj212ErrorCode.SplitIncomplete => "hj212.split.incomplete",
        _ => "hj212.unknown",
    };

    /// <summary>The error as the shared problem value, with its message in the current UI culture.</summary>
    public Problem ToProblem()
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"byte {Position}, {Field}");
        var message = Kind switch
        {
            Hj212ErrorCode.LengthMismatch or Hj212ErrorCode.SplitIncomplete =>
                Hj212Text.Catalog.Format(Kind.ToString(), Position, Field, Expected, Actual),
            Hj212ErrorCode.CrcMismatch => Hj212Text.Catalog.Format(
                Kind.ToString(), Position, Field, Expected.ToString("X4", CultureInfo.InvariantCulture), Actual.ToString("X4", CultureInfo.InvariantCulture)),
            _ => Hj212Text.Catalog.Format(Kind.ToString(), Position, Field),
        };
        return new Problem(where, Code, message);
    }
}

/// <summary>The HJ 212 area's localized text (Hj212Messages.resx, zh-Hans satellite).</summary>
internal static class Hj212Text
{
    public static readonly TextCatalog Catalog = new("Vigil.Protocols.Hj212.Hj212Messages", typeof(Hj212Text).Assembly);
}
