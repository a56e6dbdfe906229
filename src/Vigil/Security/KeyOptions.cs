using Vigil.Common;
using Vigil.Security.Keys;
using Vigil.Security.Mac;

namespace Vigil.Host.Security;

/// <summary>Names of key purposes and algorithms as the API and the CLI accept them.</summary>
internal static class KeyOptions
{
    private static readonly Dictionary<string, KeyPurpose> Purposes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mac"] = KeyPurpose.MessageAuthentication,
        ["encrypt"] = KeyPurpose.DataEncryption,
        ["decrypt"] = KeyPurpose.DataDecryption,
        ["derive"] = KeyPurpose.KeyDerivation,
        ["internal-auth"] = KeyPurpose.InternalAuthentication,
        ["external-auth"] = KeyPurpose.ExternalAuthentication,
        ["kek"] = KeyPurpose.KeyEncryption,
    };

    public static string Name(KeyPurpose purpose) => Purposes.First(p => p.Value == purpose).Key;

    public static Outcome<KeyPurpose> ParsePurpose(string? text, string field) =>
        text is not null && (Purposes.TryGetValue(text, out var purpose) || Enum.TryParse(text, ignoreCase: true, out purpose)) && Enum.IsDefined(purpose)
            ? purpose
            : Outcome<KeyPurpose>.Failure(ProblemKind.Invalid,
                new Problem(field, "key.purpose", HostText.Format("key.purpose", field, text, string.Join(", ", Purposes.Keys))));

    public static Outcome<MacAlgorithm> ParseAlgorithm(string? text, string field) =>
        MacAlgorithms.TryParse(text, field, out var algorithm, out var problem)
            ? algorithm
            : Outcome<MacAlgorithm>.Failure(ProblemKind.Invalid, problem);
}
