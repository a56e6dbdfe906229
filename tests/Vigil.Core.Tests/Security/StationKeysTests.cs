using System.Security.Cryptography;
using Vigil.Core.Tests.Common;
using Vigil.Security.Keys;
using Vigil.Security.Mac;

namespace Vigil.Core.Tests.Security;

public sealed class StationKeysTests
{
    private const string Station = "31010400000001";
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jul = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextJan = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextJul = new(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestKeyProtector _protector = new();

    [Theory]
    [InlineData(MacAlgorithm.Aes128)]
    [InlineData(MacAlgorithm.RetailDes)]
    public void Generated_keys_are_random_of_the_algorithm_length_and_held_only_protected(MacAlgorithm algorithm)
    {
        var one = Generate("k1", algorithm, Jan, NextJan);
        var two = Generate("k2", algorithm, Jan, NextJan);
        var first = _protector.Unprotect(one.ProtectedMaterial);
        var second = _protector.Unprotect(two.ProtectedMaterial);

        Assert.Equal(16, first.Length);
        Assert.NotEqual(first, second);
        Assert.Null(MacAlgorithms.CheckKey(algorithm, first, "key"));
        Assert.DoesNotContain(Convert.ToHexString(first), Convert.ToHexString(one.ProtectedMaterial), StringComparison.Ordinal);
        Assert.Throws<AuthenticationTagMismatchException>(() => new TestKeyProtector().Unprotect(one.ProtectedMaterial));
    }

    [Fact]
    public void A_lifetime_must_end_after_it_starts()
    {
        using var culture = new CultureScope("en-US");
        var problem = StationKeys.CheckLifetime(Jan, Jan, "notAfter");
        Assert.NotNull(problem);
        Assert.Equal(("notAfter", "key.lifetime"), (problem.Field, problem.Code));
        Assert.Equal("notAfter: the key's end (2026-01-01 00:00:00Z) must come after its start (2026-01-01 00:00:00Z).", problem.Message);
        Assert.NotNull(StationKeys.CheckLifetime(Jan, Jan.AddTicks(-1), "notAfter"));
        Assert.Null(StationKeys.CheckLifetime(Jan, Jan.AddTicks(1), "notAfter"));
        Assert.Throws<ArgumentException>(() => Generate("k", MacAlgorithm.Aes128, Jan, Jan));
    }

    [Fact]
    public void A_key_is_valid_from_its_start_inclusive_to_its_end_exclusive()
    {
        var key = Generate("k", MacAlgorithm.Aes128, Jan, NextJan);
        Assert.Equal(KeyState.NotYetValid, key.StateAt(Jan.AddTicks(-1)));
        Assert.Equal(KeyState.Valid, key.StateAt(Jan));
        Assert.Equal(KeyState.Valid, key.StateAt(NextJan.AddTicks(-1)));
        Assert.Equal(KeyState.Expired, key.StateAt(NextJan));
    }

    [Fact]
    public void A_revoked_key_is_refused_from_the_revocation_on()
    {
        var key = Generate("k", MacAlgorithm.Aes128, Jan, NextJan) with { RevokedAt = Jul };
        Assert.Equal(KeyState.Valid, key.StateAt(Jul.AddTicks(-1)));
        Assert.Equal(KeyState.Revoked, key.StateAt(Jul));
    }

    [Fact]
    public void During_a_rotation_the_newest_valid_key_is_chosen_and_both_are_usable()
    {
        var old = Generate("old", MacAlgorithm.RetailDes, Jan, NextJan);
        var @new = Generate("new", MacAlgorithm.Aes128, Jul, NextJul);
        StationKey[] keys = [old, @new];

        Assert.Equal("old", StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, Jul.AddTicks(-1)).Key?.KeyId);
        Assert.Equal("new", StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, Jul).Key?.KeyId);
        Assert.Equal(["new", "old"], StationKeys.Usable(keys, Station, KeyPurpose.MessageAuthentication, Jul).Select(k => k.KeyId));
        Assert.Equal(["new"], StationKeys.Usable(keys, Station, KeyPurpose.MessageAuthentication, NextJan).Select(k => k.KeyId));
    }

    [Fact]
    public void When_every_key_has_expired_the_refusal_names_the_newest_and_its_end()
    {
        StationKey[] keys = [Generate("2025", MacAlgorithm.Aes128, Jan.AddYears(-1), Jan), Generate("2026", MacAlgorithm.Aes128, Jan, NextJan)];
        using var culture = new CultureScope("zh-CN");
        var selection = StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, NextJan);
        Assert.Null(selection.Key);
        Assert.Equal((KeyRefusalReason.Expired, "2026"), (selection.Refusal!.Reason, selection.Refusal.KeyId));
        Assert.Equal("站点 31010400000001：密钥 2026 已于 2027-01-01 00:00:00Z 过期。", selection.Refusal.Message);
    }

    [Fact]
    public void In_a_gap_between_keys_the_refusal_names_the_key_still_to_come()
    {
        StationKey[] keys = [Generate("old", MacAlgorithm.Aes128, Jan, Jul), Generate("new", MacAlgorithm.Aes128, NextJan, NextJul)];
        using var culture = new CultureScope("en-US");
        var refusal = StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, Jul).Refusal!;
        Assert.Equal((KeyRefusalReason.NotYetValid, "new"), (refusal.Reason, refusal.KeyId));
        Assert.Equal("Station 31010400000001: key new is not valid before 2027-01-01 00:00:00Z.", refusal.Message);
    }

    [Fact]
    public void A_revoked_newest_key_falls_back_to_the_older_valid_one_and_is_refused_once_that_ends()
    {
        StationKey[] keys = [Generate("old", MacAlgorithm.Aes128, Jan, NextJan), Generate("leaked", MacAlgorithm.Aes128, Jul, NextJul) with { RevokedAt = Jul.AddDays(1) }];
        Assert.Equal("old", StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, Jul.AddDays(2)).Key?.KeyId);

        var refusal = StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, NextJan).Refusal!;
        Assert.Equal((KeyRefusalReason.Revoked, "leaked"), (refusal.Reason, refusal.KeyId));
    }

    [Fact]
    public void A_key_for_another_purpose_or_station_is_never_chosen()
    {
        StationKey[] keys =
        [
            Generate("enc", MacAlgorithm.Aes128, Jan, NextJan) with { Purpose = KeyPurpose.DataEncryption },
            Generate("other", MacAlgorithm.Aes128, Jan, NextJan) with { StationId = "31011200000009" },
        ];
        using var culture = new CultureScope("en-US");
        var refusal = StationKeys.Select(keys, Station, KeyPurpose.MessageAuthentication, Jul).Refusal!;
        Assert.Equal((KeyRefusalReason.NoKey, null), (refusal.Reason, refusal.KeyId));
        Assert.Equal("Station 31010400000001 has no key for message authentication.", refusal.Message);
        Assert.Equal("enc", StationKeys.Select(keys, Station, KeyPurpose.DataEncryption, Jul).Key?.KeyId);
    }

    [Fact]
    public void A_station_MAC_made_with_either_key_of_a_rotation_verifies()
    {
        var old = Generate("old", MacAlgorithm.RetailDes, Jan, NextJan);
        var @new = Generate("new", MacAlgorithm.Aes128, Jul, NextJul);
        var data = "QN=20260801120000000;ST=22;CN=2011;MN=31010400000001"u8.ToArray();

        var (oldMac, _) = StationMac.Compute([old], Station, Jul, data, _protector);
        var (newMac, selection) = StationMac.Compute([old, @new], Station, Jul, data, _protector);
        Assert.Equal("new", selection.Key?.KeyId);

        var check = StationMac.Verify([old, @new], Station, Jul.AddDays(1), data, oldMac, _protector);
        Assert.Equal((StationMacVerdict.Authentic, "old"), (check.Verdict, check.KeyId));
        check = StationMac.Verify([old, @new], Station, Jul.AddDays(1), data, newMac, _protector);
        Assert.Equal((StationMacVerdict.Authentic, "new"), (check.Verdict, check.KeyId));
        Assert.True(check.IsAuthentic);

        // Once the old key has expired, a message under it is no longer accepted.
        Assert.Equal(StationMacVerdict.Forged, StationMac.Verify([old, @new], Station, NextJan, data, oldMac, _protector).Verdict);
    }

    [Fact]
    public void A_station_whose_key_expired_is_refused_with_the_reason()
    {
        var key = Generate("k", MacAlgorithm.Aes128, Jan, NextJan);
        var data = "CN=2011"u8.ToArray();
        var (mac, _) = StationMac.Compute([key], Station, Jul, data, _protector);

        var check = StationMac.Verify([key], Station, NextJan, data, mac, _protector);
        Assert.Equal((StationMacVerdict.Refused, "k"), (check.Verdict, check.KeyId));
        Assert.Equal(KeyRefusalReason.Expired, check.Refusal!.Reason);
        Assert.False(check.IsAuthentic);

        var (none, selection) = StationMac.Compute([key], Station, NextJan, data, _protector);
        Assert.Null(none);
        Assert.Equal(KeyRefusalReason.Expired, selection.Refusal!.Reason);
    }

    [Fact]
    public void A_wrong_MAC_under_a_valid_key_is_forged()
    {
        var key = Generate("k", MacAlgorithm.Aes128, Jan, NextJan);
        var check = StationMac.Verify([key], Station, Jul, "CN=2011"u8, [0, 0, 0, 0], _protector);
        Assert.Equal((StationMacVerdict.Forged, null, null), (check.Verdict, check.KeyId, check.Refusal));
    }

    private StationKey Generate(string keyId, MacAlgorithm algorithm, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        StationKeys.Generate(Station, keyId, KeyPurpose.MessageAuthentication, algorithm, notBefore, notAfter, _protector);
}
