using Sylvan.Data.Csv;
using Vigil.Monitoring;

namespace Vigil.Host.Csv;

/// <summary>
/// The one way Vigil reads CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF), with Sylvan.Data.Csv: fields
/// are handed out as spans over the reader's buffer, so a file of millions of rows costs no string per field. Every
/// record is returned, the first one too (callers check their own header) and empty lines as one empty field.
/// </summary>
internal static class CsvInput
{
    private static readonly CsvDataReaderOptions Options = new()
    {
        HasHeaders = false,
        Delimiter = ',',
        BufferSize = 1 << 16,
    };

    public static CsvDataReader Open(TextReader text) => CsvDataReader.Create(text, Options);

    /// <summary>A UTF-8 file (a byte-order mark is skipped), read in large blocks.</summary>
    public static CsvDataReader OpenFile(string path) =>
        Open(new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 }));
}

/// <summary>The current record of a <see cref="CsvDataReader"/> as the core reads records.</summary>
internal readonly struct CsvRecord(CsvDataReader reader) : ICsvRecord
{
    public int FieldCount => reader.RowFieldCount;

    public ReadOnlySpan<char> Field(int index) => reader.GetFieldSpan(index);
}
