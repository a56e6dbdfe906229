using System.CommandLine;
using System.Globalization;
using System.Text;
using Vigil.Host.Csv;
using Vigil.Monitoring;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil aqi --hourly|--daily &lt;file&gt; [--standard HJ633-2012|HJ633-2026]</c> (issue 4 "Contract of vigil aqi").
/// Exit 0 on success, 2 on bad input with one line on stderr naming the row and column.
/// </summary>
internal static class AqiCommand
{
    public static Command Create()
    {
        var hourly = new Option<FileInfo?>("--hourly") { Description = CliLanguage.Pick("逐小时 AQI：输入 CSV 文件", "Hourly AQI of an input CSV file") };
        var daily = new Option<FileInfo?>("--daily") { Description = CliLanguage.Pick("日 AQI：输入 CSV 文件", "Daily AQI of an input CSV file") };
        var standard = new Option<string?>("--standard")
        {
            Description = CliLanguage.Pick("强制使用的标准版本（默认按每小时的日期选择）", "Force a standard version (default: each hour's date decides)"),
        };
        standard.AcceptOnlyFromAmong([.. AqiStandards.All.Select(s => s.Id)]);
        var command = new Command("aqi", CliLanguage.Pick("按 HJ 633 计算 AQI、首要污染物和级别", "Compute AQI, primary pollutant and category per HJ 633"))
        {
            hourly, daily, standard,
        };
        command.SetAction(parse =>
        {
            using var language = CliLanguage.Apply();
            return Run(parse.GetValue(hourly), parse.GetValue(daily), parse.GetValue(standard), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    public static int Run(FileInfo? hourly, FileInfo? daily, string? standardId, TextWriter output, TextWriter error)
    {
        if ((hourly is null) == (daily is null))
        {
            error.WriteLine(CliLanguage.Pick("请只给出 --hourly 或 --daily 之一", "Give exactly one of --hourly or --daily"));
            return 2;
        }

        var file = (hourly ?? daily)!;
        if (!file.Exists)
        {
            error.WriteLine(CliLanguage.Pick($"找不到文件：{file.FullName}", $"File not found: {file.FullName}"));
            return 2;
        }

        var forced = standardId is null ? null : AqiStandards.ById(standardId);
        var input = new AqiInput((int)Math.Min(file.Length / 40, int.MaxValue / AqiInput.ValueCount));
        using (var csv = CsvInput.OpenFile(file.FullName))
        {
            while (csv.Read() && input.Add(new CsvRecord(csv)))
            {
            }
        }

        var problem = input.Finish();
        if (problem is null)
        {
            // Blocks of UTF-8 lines straight to standard output; a caller's own writer (tests) gets them as text.
            using var stdout = ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput() : null;
            void Write(ReadOnlyMemory<byte> block)
            {
                if (stdout is null)
                {
                    output.Write(Encoding.UTF8.GetString(block.Span));
                }
                else
                {
                    stdout.Write(block.Span);
                }
            }

            problem = hourly is not null ? AqiCsv.WriteHourly(input, forced, Write) : AqiCsv.WriteDaily(input, forced, Write);
        }

        if (problem is not null)
        {
            error.WriteLine(problem.Message);
            return 2;
        }

        return 0;
    }
}

/// <summary>
/// CLI text is zh-CN unless the UI culture is English (DESIGN: zh-CN first). The resources' neutral language is
/// English, so an invariant or other UI culture is switched to zh-CN for the command.
/// </summary>
internal static class CliLanguage
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Pick(string chinese, string english) => IsEnglish ? english : chinese;

    public static IDisposable Apply()
    {
        var previous = CultureInfo.CurrentUICulture;
        if (!IsEnglish)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        }

        return new Restore(previous);
    }

    private sealed class Restore(CultureInfo previous) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
