using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// The mark of a call made inside the cluster: an HMAC, under a key only the silos can read (a row
/// of our schema, made at migration), of the called method, the target grain and the current
/// minute. Clients never see it — it is not put on calls to clients, responses carry no request
/// context, the receiving silo removes it before the grain runs and the caller's context never
/// keeps it — so a client cannot pass for a grain, whatever sender its messages name; and a stamp
/// that leaked anyway would open one method of one grain for a minute, nothing else.
/// </summary>
public sealed class InternalCallStamp
{
    private readonly byte[] key;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<(System.Reflection.MethodInfo Method, GrainId Target, long Minute), string> stamps = new();

    public InternalCallStamp(byte[] key, TimeProvider clock)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException($"the internal-call key has {key.Length} bytes; at least 32 are needed");
        }

        this.key = key;
        this.clock = clock;
    }

    public string For(System.Reflection.MethodInfo method, GrainId target) => Stamp(method, target, Minute());

    /// <summary>True for this method and grain, for this minute's stamp or the neighbouring minutes' (clocks of silos differ a little).</summary>
    public bool Holds(System.Reflection.MethodInfo method, GrainId target, string? stamp)
    {
        if (stamp is null)
        {
            return false;
        }

        var minute = Minute();
        // This minute's first: the common case costs one lookup and one comparison.
        foreach (var m in (ReadOnlySpan<long>)[minute, minute - 1, minute + 1, minute - 2])
        {
            if (
                CryptographicOperations.FixedTimeEquals(
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(Stamp(method, target, m).AsSpan()),
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(stamp.AsSpan())
                )
            )
            {
                return true;
            }
        }

        return false;
    }

    private long Minute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    private string Stamp(System.Reflection.MethodInfo method, GrainId target, long minute)
    {
        if (stamps.TryGetValue((method, target, minute), out var known))
        {
            return known;
        }

        if (stamps.Count > 4_096)
        {
            stamps.Clear(); // old minutes and grains called once: recomputing a stamp costs about a microsecond
        }

        var stamp = Convert.ToBase64String(
            HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{OperatorAssertion.MethodName(method)}|{target}|{minute}")).AsSpan(0, 18)
        );
        stamps[(method, target, minute)] = stamp;
        return stamp;
    }
}
