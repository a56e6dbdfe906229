using System.Net;
using Vigil.Security.Keys;
using Vigil.Security.Mac;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Station MAC keys as the installer and the data logger receive them (issue 12 item 3): the key-encryption key once
/// at commissioning, then every working key wrapped under it (RFC 3394), unwrapped here as the logger does and checked
/// against its check value.
/// </summary>
internal static class StationKeyDelivery
{
    /// <summary>Commissions <paramref name="station"/>: its key-encryption key, shown this once.</summary>
    public static async Task<byte[]> CommissionAsync(HttpClient admin, string station)
    {
        var (commissioned, kek) = await admin.PostJson($"/api/stations/{station}/keys/commission", "{}");
        Assert.True(commissioned.StatusCode == HttpStatusCode.Created, kek.ToJsonString());
        return Convert.FromHexString(kek["kek"]!.GetValue<string>());
    }

    /// <summary>Creates (or rotates to) a MAC key and returns it in hex, unwrapped under <paramref name="kek"/>.</summary>
    public static async Task<string> CreateAsync(HttpClient admin, string station, byte[] kek, string algorithm, int days, bool rotate = false)
    {
        var (response, body) = await admin.PostJson($"/api/stations/{station}/keys" + (rotate ? "/rotate" : ""),
            $$"""{ "purpose": "mac", "algorithm": "{{algorithm}}", "days": {{days}}, "overlapDays": 2 }""");
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Null(body["material"]);
        var key = AesKeyWrap.Unwrap(kek, Convert.FromHexString(body["wrapped"]!.GetValue<string>()))!;
        var chosen = algorithm == "aes" ? MacAlgorithm.Aes128 : MacAlgorithm.RetailDes;
        Assert.Equal(body["checkValue"]!.GetValue<string>(), Convert.ToHexString(MacAlgorithms.CheckValue(chosen, key)));
        return Convert.ToHexString(key);
    }
}
