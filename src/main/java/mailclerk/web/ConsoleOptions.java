package mailclerk.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import mailclerk.config.Settings;

/**
 * How the console is reached and how long sessions last.
 *
 * @param secureCookies  the session cookie gets "Secure" (clerks come over HTTPS through a proxy)
 * @param trustedProxies addresses whose X-Forwarded-For is believed
 * @param publicOrigin   the origin clerks' browsers use (https://clerks.court.example), for the Origin check when
 *                       the proxy rewrites Host; empty when the Host header is right
 */
public record ConsoleOptions(boolean secureCookies, ZoneId zone, Set<String> trustedProxies, String publicOrigin,
                             Duration sessionLifetime, Duration sessionIdle, double targetPrecision) {

    public static ConsoleOptions from(Settings s) {
        return new ConsoleOptions(s.getBoolean("console.secure-cookies", false),
                ZoneId.of(s.get("court.time-zone", "America/Chicago")),
                Arrays.stream(s.get("console.trusted-proxies", "").split(",")).map(String::strip)
                        .filter(x -> !x.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                s.get("console.public-origin", "").strip(),
                Duration.ofHours(s.getInt("console.session-hours", 10)),
                Duration.ofMinutes(s.getInt("console.session-idle-minutes", 30)),
                s.getDouble("classifier.target-precision", 0.99));
    }

    public static ConsoleOptions defaults(ZoneId zone) {
        return new ConsoleOptions(false, zone, Set.of(), "", Duration.ofHours(10), Duration.ofMinutes(30), 0.99);
    }
}
