using System.Collections.Concurrent;

namespace Vigil.Host.Monitoring;

/// <summary>
/// Wrong passwords and MACs (SEC, issue 11 item 5): counted per source address and per station MN; past
/// <c>Vigil:Hj212:FailuresPerMinute</c> in a minute the source, or the MN, is blocked for <c>Vigil:Hj212:BlockMinutes</c>,
/// and the block is logged once, when it starts. A blocked MN still takes packets from an address that sent that
/// station's correct password within the last hour, so guessing at a station's password cannot cut the station off.
/// In memory: a block protects this instance's CPU and the password hashes; the refusals themselves are in the database.
/// </summary>
internal sealed partial class IntakeThrottle(Microsoft.Extensions.Options.IOptions<Hj212GatewayOptions> options, ILogger<IntakeThrottle> logger)
{
    private static readonly TimeSpan TrustFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Station, string Address), DateTimeOffset> _trusted = new();
    private long _lastPurgeTicks;

    private sealed class Counter
    {
        public long Minute;
        public int Failures;
        public DateTimeOffset BlockedUntil;
    }

    /// <summary>The refusal code when the source or, for this source, the station is blocked now; null otherwise.</summary>
    public string? Blocked(string address, string station, DateTimeOffset now)
    {
        if (IsBlocked("source " + address, now))
        {
            return "source.blocked";
        }

        return IsBlocked("station " + station, now) && !(_trusted.TryGetValue((station, address), out var at) && now - at < TrustFor)
            ? "station.blocked"
            : null;
    }

    /// <summary>A wrong password or MAC from <paramref name="address"/> for the known station <paramref name="station"/>.</summary>
    public void Failed(string address, string? station, DateTimeOffset now)
    {
        Purge(now);
        Count("source " + address, now);
        if (station is not null)
        {
            Count("station " + station, now);
        }
    }

    /// <summary>The station's credentials were right from this address: it stays served while its MN is under attack.</summary>
    public void Succeeded(string address, string station, DateTimeOffset now) => _trusted[(station, address)] = now;

    private bool IsBlocked(string key, DateTimeOffset now) => _counters.TryGetValue(key, out var counter) && counter.BlockedUntil > now;

    private void Count(string key, DateTimeOffset now)
    {
        var settings = options.Value;
        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
            if (counter.Minute != minute)
            {
                (counter.Minute, counter.Failures) = (minute, 0);
            }

            counter.Failures++;
            if (counter.Failures == settings.FailuresPerMinute && counter.BlockedUntil <= now)
            {
                counter.BlockedUntil = now.AddMinutes(settings.BlockMinutes);
                LogBlocked(logger, key, settings.FailuresPerMinute, settings.BlockMinutes);
            }
        }
    }

    /// <summary>Forgets counters with no block and no failure this minute, and old trust, at most once a minute.</summary>
    private void Purge(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        foreach (var (key, counter) in _counters)
        {
            if (counter.BlockedUntil <= now && counter.Minute < minute)
            {
                _counters.TryRemove(key, out _);
            }
        }

        foreach (var (key, at) in _trusted)
        {
            if (now - at >= TrustFor)
            {
                _trusted.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "HJ 212 {Key} blocked after {Failures} wrong passwords or MACs in a minute, for {Minutes} minutes (logged once per burst)")]
    private static partial void LogBlocked(ILogger logger, string key, int failures, int minutes);
}
