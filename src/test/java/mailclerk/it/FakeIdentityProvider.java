package mailclerk.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OAuth2 token endpoint on loopback, for the three flows mailclerk uses: client credentials, rotating refresh
 * tokens (a used one answers invalid_grant, as Microsoft's and Google's do), and the JWT bearer grant of a
 * service account (the signature is checked against the key pair made here). Every access token it issues is
 * handed to {@code onToken}, which the test uses to make GreenMail accept exactly that token.
 */
final class FakeIdentityProvider implements AutoCloseable {
    static final String CLIENT_ID = "mailclerk-app";
    static final String CLIENT_SECRET = "test-client-secret";
    static final String SCOPE = "https://outlook.office365.com/.default";
    static final String SERVICE_ACCOUNT = "mailclerk@court-project.iam.gserviceaccount.com";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    final KeyPair serviceAccountKey;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    volatile int lifetimeSeconds = 3600;
    volatile boolean down;
    volatile String lastSubject;
    private volatile Consumer<String> onToken = t -> { };

    FakeIdentityProvider() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        serviceAccountKey = g.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    void onToken(Consumer<String> c) {
        onToken = c;
    }

    /** A first refresh token, as an administrator gets it by signing in once. */
    String firstRefreshToken() {
        String t = "rt-" + UUID.randomUUID();
        liveRefreshTokens.add(t);
        return t;
    }

    /** The service account's key file, as Google's console hands it out. */
    String serviceAccountKeyJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serviceAccountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = Map.of("type", "service_account", "client_email", SERVICE_ACCOUNT, "private_key", pem,
                "private_key_id", "k1", "token_uri", url());
        try {
            return json.writeValueAsString(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        if (down) {
            answer(x, 503, Map.of("error", "temporarily_unavailable"));
            return;
        }
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = f.getOrDefault("grant_type", "");
        switch (grant) {
            case "client_credentials" -> {
                if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
                    answer(x, 401, Map.of("error", "invalid_client", "error_description", "AADSTS7000215: Invalid client secret provided."));
                } else if (!SCOPE.equals(f.get("scope"))) {
                    answer(x, 400, Map.of("error", "invalid_scope", "error_description", "AADSTS70011: The provided value for scope is not valid."));
                } else {
                    issue(x, null);
                }
            }
            case "refresh_token" -> {
                if (!CLIENT_ID.equals(f.get("client_id"))) {
                    answer(x, 401, Map.of("error", "invalid_client"));
                } else if (!liveRefreshTokens.remove(f.getOrDefault("refresh_token", ""))) {
                    answer(x, 400, Map.of("error", "invalid_grant", "error_description", "AADSTS70000: The refresh token was already used."));
                } else {
                    String next = firstRefreshToken();
                    issue(x, next);
                }
            }
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> {
                JsonNode claims = verify(f.getOrDefault("assertion", ""));
                if (claims == null || !SERVICE_ACCOUNT.equals(claims.path("iss").asText())) {
                    answer(x, 400, Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."));
                } else {
                    lastSubject = claims.path("sub").asText();
                    issue(x, null);
                }
            }
            default -> answer(x, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private JsonNode verify(String jwt) {
        String[] p = jwt.split("\\.");
        if (p.length != 3) return null;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(serviceAccountKey.getPublic());
            rsa.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(p[2]))) return null;
            return json.readTree(Base64.getUrlDecoder().decode(p[1]));
        } catch (Exception e) {
            return null;
        }
    }

    private void issue(HttpExchange x, String refresh) throws IOException {
        String token = "at-" + UUID.randomUUID();
        tokensIssued.incrementAndGet();
        onToken.accept(token);
        Map<String, Object> a = new HashMap<>();
        a.put("token_type", "Bearer");
        a.put("expires_in", lifetimeSeconds);
        a.put("access_token", token);
        if (refresh != null) a.put("refresh_token", refresh);
        answer(x, 200, a);
    }

    private void answer(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
