using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Protocols.Hj212;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil hj212 check &lt;file&gt; [--json]</c>: one packet per line, prints <c>ok</c> or the reason per line (or one
/// JSON object per line); exit 0 when all are ok, 1 when any is not, 2 when the file cannot be read.
/// </summary>
internal static class Hj212Command
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = CliLanguage.Pick("每行一个 HJ 212 数据包的文件", "File with one HJ 212 packet per line") };
        var json = new Option<bool>("--json") { Description = CliLanguage.Pick("每行输出一个 JSON 对象", "Print one JSON object per line") };
        var check = new Command("check", CliLanguage.Pick("校验 HJ 212-2017 数据包（帧、长度、CRC、字段）", "Check HJ 212-2017 packets (framing, length, CRC, fields)"))
        {
            file, json,
        };
        check.SetAction(parse =>
        {
            using var language = CliLanguage.Apply();
            return Check(parse.GetValue(file)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return new Command("hj212", CliLanguage.Pick("HJ 212 协议工具", "HJ 212 protocol tools")) { check };
    }

    public static int Check(FileInfo file, bool json, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine(CliLanguage.Pick($"找不到文件：{file.FullName}", $"File not found: {file.FullName}"));
            return 2;
        }

        var bytes = File.ReadAllBytes(file.FullName);
        var allOk = true;
        var lineNumber = 0;
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            lineNumber++;
            var result = Hj212Parser.TryParseLine(line, out var packet);
            allOk &= !result.IsError;
            if (json)
            {
                output.WriteLine(result.IsError ? ErrorJson(lineNumber, result) : PacketJson(lineNumber, packet.ToMessage(), packet.Deviations));
            }
            else
            {
                output.WriteLine(result.IsError ? result.ToProblem().Message
                    : packet.Deviations == Hj212Deviations.None ? "ok"
                    : "ok " + CliLanguage.Pick("（注意：", "(warning: ") + Monitoring.Hj212Intake.Describe(packet.Deviations) + CliLanguage.Pick("）", ")"));
            }
        }

        return allOk ? 0 : 1;
    }

    private static string PacketJson(int line, Hj212Message message, Hj212Deviations deviations)
    {
        return Write(writer =>
        {
            writer.WriteNumber("line", line);
            writer.WriteBoolean("ok", true);
            writer.WriteStartArray("warnings");
            foreach (var deviation in Enum.GetValues<Hj212Deviations>().Where(d => d != Hj212Deviations.None && deviations.HasFlag(d)))
            {
                writer.WriteStringValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(deviation.ToString()));
            }

            writer.WriteEndArray();
            writer.WriteString("qn", message.Qn);
            writer.WriteString("st", message.St);
            writer.WriteString("cn", message.Cn);
            writer.WriteString("pw", message.Pw);
            writer.WriteString("mn", message.Mn);
            WriteNumberOrNull(writer, "flag", message.Flag);
            writer.WriteBoolean("answerRequested", (message.Options & Hj212PacketFlags.AnswerRequested) != 0);
            writer.WriteBoolean("split", (message.Options & Hj212PacketFlags.Split) != 0);
            WriteNumberOrNull(writer, "pnum", message.PacketCount);
            WriteNumberOrNull(writer, "pno", message.PacketNumber);
            writer.WriteStartArray("cp");
            foreach (var item in message.Items())
            {
                writer.WriteStartObject();
                writer.WriteNumber("group", item.Group);
                writer.WriteString("key", item.Key);
                writer.WriteString("item", item.ItemCode);
                writer.WriteString("name", item.Name);
                writer.WriteString("value", item.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static string ErrorJson(int line, Hj212Error error)
    {
        var problem = error.ToProblem();
        return Write(writer =>
        {
            writer.WriteNumber("line", line);
            writer.WriteBoolean("ok", false);
            writer.WriteString("code", problem.Code);
            writer.WriteNumber("position", error.Position);
            writer.WriteString("field", error.Field.ToString());
            writer.WriteString("message", problem.Message);
        });
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
