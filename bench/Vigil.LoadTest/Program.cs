using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Protocols.Hj212;

// Usage: Vigil.LoadTest <gateway-port> <api-url> <stations> <packets-per-station> (VIGIL_USER/VIGIL_PASSWORD sign in)
// Each station is one TCP connection on loopback sending 2061 hourly packets with the six pollutants and five
// meteorological items (Min/Avg/Max/Flag: 33 readings per packet). Bounded in count; it stops by itself.
// Or: Vigil.LoadTest soak <gateway-port> <api-url> <connections> <seconds> <garbage-share> <disconnect-chance> <server-pid>
// (see Soak.cs and bench/intake-soak.sh): bounded in time; it stops by itself.
var soak = args.Length > 0 && args[0] == "soak";
var rest = soak ? args[1..] : args;
var port = int.Parse(rest[0], CultureInfo.InvariantCulture);
var api = new Uri(rest[1]);
string[] items = ["a21026", "a21004", "a34002", "a34004", "a21005", "a05024", "a01007", "a01008", "a01001", "a01002", "a01006"];
const int FieldsPerItem = 3;

using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
using (var signIn = await http.PostAsJsonAsync(new Uri("/api/auth/sign-in", UriKind.Relative), new
{
    userName = Environment.GetEnvironmentVariable("VIGIL_USER"),
    password = Environment.GetEnvironmentVariable("VIGIL_PASSWORD"),
}))
{
    signIn.EnsureSuccessStatusCode();
    var answer = (await signIn.Content.ReadFromJsonAsync<JsonNode>())!;
    http.DefaultRequestHeaders.Add(answer["antiforgeryHeader"]!.GetValue<string>(), answer["antiforgeryToken"]!.GetValue<string>());
}

if (soak)
{
    return await Vigil.LoadTest.Soak.RunAsync(port, http, int.Parse(rest[2], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(rest[3], CultureInfo.InvariantCulture)),
        double.Parse(rest[4], CultureInfo.InvariantCulture), double.Parse(rest[5], CultureInfo.InvariantCulture), int.Parse(rest[6], CultureInfo.InvariantCulture));
}

var stations = int.Parse(rest[2], CultureInfo.InvariantCulture);
var perStation = int.Parse(rest[3], CultureInfo.InvariantCulture);
var before = await Count(http);
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(1, stations).Select(s => Task.Run(() => Station(s))));
var sent = clock.Elapsed;
var expected = before + (long)stations * perStation * items.Length * FieldsPerItem;
var deadline = Stopwatch.StartNew();
long stored;
while ((stored = await Count(http)) < expected && deadline.Elapsed < TimeSpan.FromMinutes(5))
{
    await Task.Delay(100);
}

var total = clock.Elapsed;
var readings = stored - before;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stations={stations} packets={stations * perStation} readings={readings} expected={expected - before} sent_in={sent.TotalSeconds:F2}s stored_in={total.TotalSeconds:F2}s packets_per_s={stations * perStation / total.TotalSeconds:F0} readings_per_s={readings / total.TotalSeconds:F0}"));
if (readings != expected - before)
{
    return 1;
}

// Then the export job over everything just stored: every station, every day the packets covered (the Avg values).
var days = (perStation + 23) / 24;
var export = Stopwatch.StartNew();
using var started = await http.PostAsJsonAsync(new Uri("/api/jobs/readings-export", UriKind.Relative), new
{
    stations = Enumerable.Range(1, stations).Select(s => $"LOAD{s:D6}"),
    from = "2026-01-01",
    to = new DateOnly(2026, 1, 1).AddDays(days - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
});
started.EnsureSuccessStatusCode();
var job = (await started.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
JsonNode state;
while ((state = (await http.GetFromJsonAsync<JsonNode>(new Uri($"/api/jobs/{job}", UriKind.Relative)))!)["status"]!.GetValue<string>() is "queued" or "running")
{
    await Task.Delay(50);
}

var exported = export.Elapsed;
var lines = (await http.GetStringAsync(new Uri($"/api/jobs/{job}/result", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"export status={state["status"]} station_days={state["total"]} rows={lines} in={exported.TotalSeconds:F2}s rows_per_s={lines / exported.TotalSeconds:F0}"));
return lines == stations * perStation * items.Length ? 0 : 1;

async Task Station(int number)
{
    var mn = $"LOAD{number:D6}";
    using var client = new TcpClient();
    await client.ConnectAsync(IPAddress.Loopback, port);
    var stream = client.GetStream();
    var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    for (var i = 0; i < perStation; i++)
    {
        var hour = start.AddHours(i);
        var cp = new StringBuilder();
        cp.Append(CultureInfo.InvariantCulture, $"DataTime={hour:yyyyMMddHHmmss}");
        foreach (var item in items)
        {
            cp.Append(CultureInfo.InvariantCulture, $";{item}-Min={10 + (i % 7)}.1,{item}-Avg={20 + (i % 11)}.5,{item}-Max={30 + (i % 13)}.9,{item}-Flag=N");
        }

        var segment = $"QN={hour:yyyyMMddHHmmss}000;ST=22;CN=2061;PW=123456;MN={mn};Flag=4;CP=&&{cp}&&";
        await stream.WriteAsync(Hj212Frame.Build(segment));
    }

    client.Client.Shutdown(SocketShutdown.Send);
    await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
}

static async Task<long> Count(HttpClient http) =>
    (await http.GetFromJsonAsync<JsonNode>(new Uri("/api/intake/status", UriKind.Relative)))!["readings"]!.GetValue<long>();
