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
 * @param metricsToken   the bearer token /metrics wants; empty: /metrics is off
 * @param maxPollAge     /health says "failing" when the last successful poll is older than this
 * @param statusDir      where the responder writes status.properties ({@code data.dir})
 */
public record ConsoleOptions(boolean secureCookies, ZoneId zone, Set<String> trustedProxies, String publicOrigin,
                             Duration sessionLifetime, Duration sessionIdle, double targetPrecision, String metricsToken,
                             Duration maxPollAge, java.nio.file.Path statusDir) {

    /** A bearer token shorter than this is guessable: /metrics refuses to start with one. */
    static final int MIN_METRICS_TOKEN = 32;

    public static ConsoleOptions from(Settings s) {
        String metricsToken = s.secret("console.metrics-token") == null ? "" : s.secret("console.metrics-token").strip();
        if (!metricsToken.isEmpty() && metricsToken.length() < MIN_METRICS_TOKEN) {
            throw new mailclerk.config.ConfigException("console.metrics-token must be at least " + MIN_METRICS_TOKEN
                    + " characters (for example: openssl rand -hex 32)");
        }
        return new ConsoleOptions(s.getBoolean("console.secure-cookies", false),
                ZoneId.of(s.get("court.time-zone", "America/Chicago")),
                Arrays.stream(s.get("console.trusted-proxies", "").split(",")).map(String::strip)
                        .filter(x -> !x.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                s.get("console.public-origin", "").strip(),
                Duration.ofHours(s.getInt("console.session-hours", 10)),
                Duration.ofMinutes(s.getInt("console.session-idle-minutes", 30)),
                s.getDouble("classifier.target-precision", 0.99),
                metricsToken,
                Duration.ofSeconds(s.getLong("health.max-poll-age", 600)), s.getPath("data.dir", "data"));
    }

    public static ConsoleOptions defaults(ZoneId zone) {
        return new ConsoleOptions(false, zone, Set.of(), "", Duration.ofHours(10), Duration.ofMinutes(30), 0.99, "",
                Duration.ofMinutes(10), java.nio.file.Path.of("data"));
    }
}
