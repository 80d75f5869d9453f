package mailclerk.mail.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** One POST to an OAuth2 token endpoint (RFC 6749 §4.4, §6; RFC 7523), and its answer read as an operator needs it. */
final class TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 64 * 1024;

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;

    TokenEndpoint(String url, int timeoutSeconds) {
        this.url = URI.create(url);
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    TokenResponse post(Map<String, String> form) throws OAuthException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OAuthException("the token endpoint " + url.getHost() + " could not be reached ("
                    + e.getClass().getSimpleName() + "); retried at the next poll", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while asking the token endpoint", e);
        }
        JsonNode json = parse(answer.body());
        if (answer.statusCode() == 200 && json != null && json.hasNonNull("access_token")) {
            long seconds = json.path("expires_in").asLong(3600);
            String rotated = json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null;
            return new TokenResponse(json.get("access_token").asText(), Duration.ofSeconds(Math.max(1, seconds)), rotated);
        }
        String error = json == null ? "" : json.path("error").asText("");
        String description = json == null ? "" : firstLine(json.path("error_description").asText(""));
        if (answer.statusCode() >= 500 || error.equals("temporarily_unavailable") || error.equals("server_error")) {
            throw new OAuthException("the token endpoint " + url.getHost() + " answered " + answer.statusCode()
                    + "; retried at the next poll", false);
        }
        throw new OAuthException(explain(error, description, answer.statusCode()), isSetupError(error, description));
    }

    private static boolean isSetupError(String error, String description) {
        return switch (error) {
            case "invalid_client", "invalid_grant", "invalid_scope", "unauthorized_client", "consent_required",
                 "interaction_required", "invalid_request", "unsupported_grant_type", "access_denied" -> true;
            default -> description.contains("AADSTS65001");
        };
    }

    /** What an administrator must do, for each error a token endpoint gives. */
    static String explain(String error, String description, int status) {
        String d = description.isEmpty() ? "" : " (" + description + ")";
        String step = switch (error) {
            case "invalid_client" -> "the client id or secret is wrong or the secret has expired: check oauth.client-id "
                    + "and the secret in MAILCLERK_OAUTH_CLIENT_SECRET / oauth.client-secret-file, or make a new secret";
            case "invalid_grant" -> "the refresh token (or the service account's delegation) is no longer valid: sign "
                    + "in again to get a new refresh token and put it in oauth.refresh-token-file, or check the "
                    + "domain-wide delegation of the service account for oauth.subject";
            case "invalid_scope" -> "the scope is not granted to this app: check oauth.scope and the API permissions "
                    + "(IMAP.AccessAsApp, SMTP.SendAsApp for Microsoft 365; https://mail.google.com/ for Google)";
            case "unauthorized_client" -> "the app may not use this flow: check oauth.flow and the app registration";
            case "consent_required", "interaction_required" -> "an administrator has not consented to the app's "
                    + "permissions: grant admin consent in the app registration";
            default -> description.contains("AADSTS65001")
                    ? "an administrator has not consented to the app's permissions: grant admin consent"
                    : "the token endpoint refused (HTTP " + status + (error.isEmpty() ? "" : ", " + error) + ")";
        };
        return "OAuth2 sign-in failed: " + step + (error.isEmpty() ? "" : " [" + error + "]") + d;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_ANSWER) return null;
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        StringBuilder b = new StringBuilder();
        for (char c : line.toCharArray()) if (c >= 0x20 && c != 0x7f) b.append(c);
        return b.length() > 200 ? b.substring(0, 200) : b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
