using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Orleans.Betting.Security;

/// <summary>
/// Proof, sent with one client call, that the caller holds an operator certificate's private key:
/// the certificate, the time, a nonce, and a signature over (method, target grain, time, nonce,
/// hash of the arguments). The silo checks that the certificate chains to its operator CA, names
/// the operator unit in its subject, and signed exactly this call — these arguments — within
/// <see cref="MaxAge"/>, and that the nonce was not seen before; the operator's name is the
/// certificate's common name. A captured assertion opens nothing: not another method, grain or
/// argument, and not the same call again.
/// </summary>
public static class OperatorAssertion
{
    /// <summary>How far an assertion's time may be from the silo's clock (either way).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    public const string DefaultUnit = "operator";

    private const string Version = "b2";

    /// <summary>The text both ends sign and check for a call.</summary>
    public static string CallText(
        System.Reflection.MethodInfo method,
        string targetGrain,
        long unixSeconds,
        string nonce,
        string argumentsHash
    ) => $"{MethodName(method)}|{targetGrain}|{unixSeconds}|{nonce}|{argumentsHash}";

    public static string MethodName(System.Reflection.MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";

    /// <summary>
    /// SHA-256 of the call's arguments in a canonical form (each as JSON of its runtime type,
    /// length-prefixed), so the client before sending and the silo after receiving hash the same
    /// bytes. Not Orleans' own bytes: a value does not always come back as its own type (a collection
    /// expression's list arrives as a plain list) and the two ends may encode type names differently.
    /// Cancellation tokens are not data and count as a marker; a value JSON cannot write counts as
    /// its type's name.
    /// </summary>
    public static string ArgumentsHash(Orleans.Serialization.Invocation.IInvokable call)
    {
        var arguments = new object?[call.GetArgumentCount()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = call.GetArgument(i);
        }

        return ArgumentsHash(arguments);
    }

    public static string ArgumentsHash(IReadOnlyList<object?> arguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var argument in arguments)
        {
            var bytes = Canonical(argument);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    private static readonly System.Text.Json.JsonSerializerOptions CanonicalJson = new()
    {
        ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles,
        IncludeFields = true,
    };

    private static byte[] Canonical(object? argument)
    {
        if (argument is null)
        {
            return [];
        }

        if (argument is CancellationToken or GrainCancellationToken)
        {
            return [0xCA];
        }

        try
        {
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(argument, argument.GetType(), CanonicalJson);
        }
        catch (Exception e) when (e is NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return Encoding.UTF8.GetBytes(argument.GetType().FullName ?? "?");
        }
    }

    public static string Create(
        X509Certificate2 certificate,
        System.Reflection.MethodInfo method,
        string targetGrain,
        DateTimeOffset now,
        string argumentsHash
    )
    {
        using var signer = new Signer(certificate);
        return signer.Create(method, targetGrain, now, argumentsHash);
    }

    /// <summary>Signs assertions with one certificate's key, loaded once (a client signs every operator call).</summary>
    public sealed class Signer : IDisposable
    {
        private readonly string certificate;
        private readonly ECDsa? ecdsa;
        private readonly RSA? rsa;

        public Signer(X509Certificate2 certificate)
        {
            this.certificate = Convert.ToBase64String(certificate.RawData);
            ecdsa = certificate.GetECDsaPrivateKey();
            rsa = ecdsa is null ? certificate.GetRSAPrivateKey() : null;
            if (ecdsa is null && rsa is null)
            {
                throw new ArgumentException($"operator certificate '{certificate.Subject}' has no ECDSA or RSA private key");
            }
        }

        public string Create(System.Reflection.MethodInfo method, string targetGrain, DateTimeOffset now, string argumentsHash)
        {
            var seconds = now.ToUnixTimeSeconds();
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var data = Encoding.UTF8.GetBytes(CallText(method, targetGrain, seconds, nonce, argumentsHash));
            byte[] signature;
            lock (this) // one key object, calls on many threads
            {
                signature =
                    ecdsa?.SignData(data, HashAlgorithmName.SHA256)
                    ?? rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            return $"{Version}:{certificate}:{seconds}:{nonce}:{Convert.ToBase64String(signature)}";
        }

        public void Dispose()
        {
            ecdsa?.Dispose();
            rsa?.Dispose();
        }
    }

    /// <summary>The organizational units (OU) in a certificate's subject.</summary>
    public static IEnumerable<string> Units(X509Certificate2 certificate) => SubjectValues(certificate, "2.5.4.11");

    /// <summary>The certificate's common name (CN), or its whole subject when it has none.</summary>
    public static string CommonName(X509Certificate2 certificate) =>
        SubjectValues(certificate, "2.5.4.3").FirstOrDefault() ?? certificate.Subject;

    private static IEnumerable<string> SubjectValues(X509Certificate2 certificate, string oid) =>
        certificate
            .SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == oid)
            .Select(r => r.GetSingleElementValue() ?? "");

    /// <summary>Splits an assertion into its certificate (base64 DER), time, nonce and signature; an error when it is not one.</summary>
    public static (string? Certificate, long Seconds, string Nonce, byte[] Signature, string? Error) Parse(string assertion)
    {
        var parts = assertion.Split(':');
        if (parts.Length != 5 || parts[0] != Version || !long.TryParse(parts[2], out var seconds) || parts[3].Length is 0 or > 64)
        {
            return (
                null,
                0,
                "",
                [],
                $"the operator assertion is malformed (expected version {Version}: a client of this release signs it)"
            );
        }

        try
        {
            return (parts[1], seconds, parts[3], Convert.FromBase64String(parts[4]), null);
        }
        catch (FormatException e)
        {
            return (null, 0, "", [], $"the operator assertion's signature cannot be read ({e.Message})");
        }
    }

    /// <summary>A certificate from an assertion's base64 DER, or why not.</summary>
    public static (X509Certificate2? Certificate, string? Error) LoadCertificate(string base64)
    {
        try
        {
            return (X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64)), null);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return (null, $"the operator assertion's certificate cannot be read ({e.Message})");
        }
    }

    /// <summary>Checks signatures with one certificate's public key, loaded once.</summary>
    public sealed class Verifier : IDisposable
    {
        private readonly ECDsa? ecdsa;
        private readonly RSA? rsa;

        public Verifier(X509Certificate2 certificate)
        {
            ecdsa = certificate.GetECDsaPublicKey();
            rsa = ecdsa is null ? certificate.GetRSAPublicKey() : null;
        }

        /// <summary>True when the certificate's key signed this call's text.</summary>
        public bool Holds(string callText, byte[] signature)
        {
            var data = Encoding.UTF8.GetBytes(callText);
            lock (this) // one key object, calls on many threads
            {
                return ecdsa?.VerifyData(data, signature, HashAlgorithmName.SHA256)
                    ?? rsa?.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    ?? false;
            }
        }

        public void Dispose()
        {
            ecdsa?.Dispose();
            rsa?.Dispose();
        }
    }
}
