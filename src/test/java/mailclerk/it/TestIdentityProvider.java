package mailclerk.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An OpenID Connect provider on loopback for the tests of the clerks' console sign-in: the authorization-code flow
 * with PKCE (S256 only), a login form a browser or an HTTP client can fill in, a token endpoint that authenticates the
 * client with HTTP Basic, ID tokens signed with a rotating RSA key published as a JWKS, and RP-initiated logout.
 *
 * <p>It is as strict as the providers courts use (Microsoft Entra ID, Okta, Keycloak) where the console could get
 * something wrong: an unregistered redirect URI is refused with an error page instead of a redirect, a code works once
 * and only for 60 seconds, and the code verifier must match. {@link #fault(Fault)} makes it issue the bad ID tokens a
 * real provider or an attacker could hand the console, so the tests can show each one is refused.
 *
 * <p>{@link #events()} keeps one line per request, so a failing test can say what the provider saw.
 */
final class TestIdentityProvider implements AutoCloseable {

    /** What is wrong with every ID token issued while it is set; {@link #NONE} issues good tokens. */
    enum Fault { NONE, TAMPERED_SIGNATURE, EXPIRED, WRONG_NONCE, WRONG_ISSUER, WRONG_AUDIENCE, GROUPS_OVERAGE, ISSUED_IN_FUTURE, UNKNOWN_KEY }

    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final String OTHER_ISSUER = "https://login.example.invalid/other";
    private static final String OTHER_AUDIENCE = "some-other-app";
    private static final String GRAPH_ENDPOINT = "https://graph.microsoft.com/v1.0/users/x/getMemberObjects";
    private static final String WRONG_LOGIN = "The email address or password is incorrect.";
    private static final String DISABLED = "This account has been disabled.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final List<String> redirectUris;
    private final Set<String> postLogoutTargets;
    private final ExecutorService pool;
    private final HttpServer server;
    private final String issuer;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, AuthRequest> interactions = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger logouts = new AtomicInteger();
    private volatile RSAKey signingKey = newKey();
    private volatile Fault fault = Fault.NONE;
    private RSAKey strangerKey;

    /** A user as the provider's directory holds it. */
    private record Account(String email, String password, List<String> groups, boolean groupsLeftOut, boolean disabled) {
        Account leavingOutGroups() {
            return new Account(email, password, groups, true, disabled);
        }

        Account disabledNow() {
            return new Account(email, password, groups, groupsLeftOut, true);
        }
    }

    /** What an authorize request asked for, kept while the user signs in and then with the code it earns. */
    private record AuthRequest(String clientId, String redirectUri, String scope, String state, String nonce, String codeChallenge) { }

    /** An issued authorization code: the request it answers, who signed in, and when. */
    private record Grant(AuthRequest request, Account account, Instant issuedAt) { }

    /** An OAuth error code with its description (null for none). */
    private record OAuthError(String code, String description) { }

    /** One request handler; exceptions are turned into a 500 by {@link #handle}. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange x) throws Exception;
    }

    /** Starts at once on 127.0.0.1 with a free port; {@link #issuer()} tells which. */
    TestIdentityProvider(String clientId, String clientSecret, List<String> redirectUris) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUris = List.copyOf(redirectUris);
        this.postLogoutTargets = this.redirectUris.stream().map(u -> origin(u) + "/").collect(Collectors.toUnmodifiableSet());
        this.pool = Executors.newFixedThreadPool(4, daemonThreads());
        this.server = start(pool);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issuer identifier and base URL, without a trailing slash. */
    String issuer() {
        return issuer;
    }

    /**
     * Adds a user or replaces one (by email, ignoring case) with a fresh account: enabled, groups claim included.
     * An empty list issues an empty groups claim, as a provider does for a user in no group.
     */
    void user(String email, String password, List<String> groups) {
        accounts.put(key(email), new Account(email, password, List.copyOf(groups), false, false));
    }

    /** This user's ID tokens carry no "groups" claim at all, as when the application was not set up to send it. */
    void groupsClaimLeftOut(String email) {
        accounts.compute(key(email), (k, a) -> known(email, a).leavingOutGroups());
    }

    /** The user's next sign-in (with the right password) fails at the form, as for an account an administrator blocked. */
    void disable(String email) {
        accounts.compute(key(email), (k, a) -> known(email, a).disabledNow());
    }

    /** Every ID token issued from now on has this fault, until {@code fault(Fault.NONE)}. */
    void fault(Fault f) {
        fault = f;
    }

    /** Signs with a new RSA key under a new kid; the JWKS then holds only the new key, as after a provider's rollover. */
    void rotateKey() {
        signingKey = newKey();
    }

    /** How many times the end-session endpoint was called. */
    int logouts() {
        return logouts.get();
    }

    /** One short line per request handled, oldest first, for test failure messages. */
    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    // ---- server and routing

    /** Binds to loopback only: the provider must not be reachable from outside the build machine. */
    private HttpServer start(ExecutorService executor) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", this::handle);
            s.setExecutor(executor);
            s.start();
            return s;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("test identity provider could not start", e);
        }
    }

    /** Daemon threads, so a test that forgets {@link #close()} does not keep the JVM alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "test-idp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Every request comes through here so that none can leave the client waiting: whatever a handler throws becomes a
     * short 500 (or a 400 for undecodable parameters) and the exchange is always closed.
     */
    private void handle(HttpExchange x) {
        try {
            route(x);
        } catch (IllegalArgumentException e) {
            fail(x, 400, "malformed request", e);
        } catch (Exception | Error e) {
            fail(x, 500, "internal error in the test identity provider", e);
        } finally {
            x.close();
        }
    }

    /** Exact paths only: HttpServer contexts match by prefix, which would let "/authorizeX" through. */
    private void route(HttpExchange x) throws Exception {
        switch (x.getRequestURI().getPath()) {
            case "/.well-known/openid-configuration" -> allow(x, Set.of("GET"), this::discovery);
            case "/authorize" -> allow(x, Set.of("GET"), this::authorize);
            case "/authorize/login" -> allow(x, Set.of("POST"), this::login);
            case "/token" -> allow(x, Set.of("POST"), this::token);
            case "/jwks" -> allow(x, Set.of("GET"), this::jwks);
            case "/logout" -> allow(x, Set.of("GET", "POST"), this::logout);
            default -> {
                record("404 " + x.getRequestMethod() + " " + x.getRequestURI().getPath());
                text(x, 404, "not found");
            }
        }
    }

    /** Runs the handler for an allowed method, else answers 405 with the Allow header. */
    private void allow(HttpExchange x, Set<String> methods, Handler h) throws Exception {
        if (methods.contains(x.getRequestMethod())) {
            h.handle(x);
            return;
        }
        record("405 " + x.getRequestMethod() + " " + x.getRequestURI().getPath());
        x.getResponseHeaders().set("Allow", String.join(", ", methods));
        text(x, 405, "method not allowed");
    }

    /** Records the failure and answers it, unless the handler had already started its answer. */
    private void fail(HttpExchange x, int status, String message, Throwable e) {
        record(status + " " + x.getRequestMethod() + " " + x.getRequestURI().getPath() + ": " + e);
        if (x.getResponseCode() != -1) return;
        try {
            text(x, status, message);
        } catch (IOException | RuntimeException ignored) {
            // the client went away; close() in handle() still releases the exchange
        }
    }

    // ---- discovery and keys

    /** The provider metadata a client reads first (OpenID Connect Discovery 1.0). */
    private void discovery(HttpExchange x) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("token_endpoint", issuer + "/token");
        m.put("jwks_uri", issuer + "/jwks");
        m.put("end_session_endpoint", issuer + "/logout");
        m.put("response_types_supported", List.of("code"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        m.put("scopes_supported", List.of("openid", "email", "profile"));
        m.put("grant_types_supported", List.of("authorization_code"));
        m.put("authorization_response_iss_parameter_supported", true);
        record("discovery");
        json(x, 200, m);
    }

    /** The public half of the current signing key only, so a token signed with a retired key cannot be checked. */
    private void jwks(HttpExchange x) throws IOException {
        record("jwks");
        json(x, 200, new JWKSet(signingKey.toPublicJWK()).toJSONObject(true));
    }

    /** A 2048-bit RS256 signing key with a random kid. */
    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    /** A key never published in the JWKS, made on first use because RSA key generation is slow. */
    private synchronized RSAKey strangerKey() {
        if (strangerKey == null) strangerKey = newKey();
        return strangerKey;
    }

    // ---- authorization endpoint and login form

    /**
     * Checks the client and redirect URI first and answers a bad one with an error page: redirecting to a URI that is
     * not registered would hand the error (and later a code) to whoever wrote it. Other problems go back to the client.
     */
    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = params(x.getRequestURI().getRawQuery());
        String redirect = q.get("redirect_uri");
        if (!clientId.equals(q.get("client_id"))) {
            record("authorize 400 unknown client_id");
            html(x, 400, errorPage("The application with client ID '" + q.getOrDefault("client_id", "") + "' is not known here."));
        } else if (redirect == null || !redirectUris.contains(redirect)) {
            record("authorize 400 redirect_uri not registered");
            html(x, 400, errorPage("The redirect URI '" + (redirect == null ? "" : redirect)
                    + "' specified in the request is not registered for this client ('" + clientId + "')."));
        } else {
            authorizeRegistered(x, q, redirect);
        }
    }

    /** For a known client and registered redirect URI: either an error sent back there, or the login form. */
    private void authorizeRegistered(HttpExchange x, Map<String, String> q, String redirect) throws IOException {
        OAuthError error = authorizeError(q);
        if (error != null) {
            record("authorize error " + error.code() + " " + error.description());
            redirect(x, withQuery(redirect, "error", error.code(), "error_description", error.description(),
                    "state", q.get("state"), "iss", issuer));
            return;
        }
        String interaction = randomToken();
        interactions.put(interaction, new AuthRequest(clientId, redirect, q.get("scope"), q.get("state"), q.get("nonce"),
                q.get("code_challenge")));
        record("authorize ok");
        html(x, 200, loginPage(interaction, "", null));
    }

    /** What is wrong with an authorize request from a known client, or null. */
    private static OAuthError authorizeError(Map<String, String> q) {
        if (!"code".equals(q.get("response_type"))) return new OAuthError("unsupported_response_type", "only response_type=code is supported");
        if (!Arrays.asList(q.getOrDefault("scope", "").split(" ")).contains("openid")) return new OAuthError("invalid_scope", "scope must contain openid");
        if (blank(q.get("state"))) return new OAuthError("invalid_request", "state required");
        if (blank(q.get("nonce"))) return new OAuthError("invalid_request", "nonce required");
        if (blank(q.get("code_challenge")) || !"S256".equals(q.get("code_challenge_method"))) return new OAuthError("invalid_request", "PKCE S256 required");
        return null;
    }

    /** The form post: the same form again on a failed sign-in, a redirect with a fresh code on a good one. */
    private void login(HttpExchange x) throws IOException {
        Map<String, String> f = form(x);
        String interaction = f.getOrDefault("interaction", "");
        String login = f.getOrDefault("login", "").strip();
        if (!interactions.containsKey(interaction)) {
            record("login 400 unknown interaction");
            html(x, 400, errorPage("This sign-in request is not known or was already used. Start again from the application."));
            return;
        }
        Account account = accounts.get(key(login));
        if (account == null || !account.password().equals(f.getOrDefault("password", ""))) {
            record("login failed " + login);
            html(x, 200, loginPage(interaction, login, WRONG_LOGIN));
        } else if (account.disabled()) {
            record("login disabled " + login);
            html(x, 200, loginPage(interaction, login, DISABLED));
        } else {
            signedIn(x, interaction, account);
        }
    }

    /** Spends the interaction (a second post of the same form gets a 400) and sends the browser back with a code. */
    private void signedIn(HttpExchange x, String interaction, Account account) throws IOException {
        AuthRequest request = interactions.remove(interaction);
        if (request == null) {
            record("login 400 interaction already used");
            html(x, 400, errorPage("This sign-in request was already used. Start again from the application."));
            return;
        }
        String code = randomToken();
        codes.put(code, new Grant(request, account, Instant.now()));
        record("login ok");
        redirect(x, withQuery(request.redirectUri(), "code", code, "state", request.state(), "iss", issuer));
    }

    // ---- token endpoint

    /** Client authentication comes first, so a wrong secret is told apart from a grant the client may not use. */
    private void token(HttpExchange x) throws IOException, JOSEException, ParseException {
        Map<String, String> f = form(x);
        if (!clientAuthenticated(x)) {
            record("token invalid_client");
            x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test-idp\"");
            tokenAnswer(x, 401, Map.of("error", "invalid_client"));
            return;
        }
        switch (f.getOrDefault("grant_type", "")) {
            case "authorization_code" -> authorizationCode(x, f);
            case "client_credentials" -> tokenError(x, new OAuthError("unauthorized_client", null));
            default -> tokenError(x, new OAuthError("unsupported_grant_type", null));
        }
    }

    /** HTTP Basic with client_id:client_secret, each form-URL-decoded (RFC 6749 section 2.3.1). */
    private boolean clientAuthenticated(HttpExchange x) {
        String header = x.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon >= 0 && clientId.equals(decode(pair.substring(0, colon)))
                    && clientSecret.equals(decode(pair.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The code is removed before it is checked: it is spent on its first use, even a failed one (RFC 6749 4.1.2). */
    private void authorizationCode(HttpExchange x, Map<String, String> f) throws IOException, JOSEException, ParseException {
        Grant grant = codes.remove(f.getOrDefault("code", ""));
        String problem = grantProblem(grant, f);
        if (problem != null) {
            tokenError(x, new OAuthError("invalid_grant", problem));
            return;
        }
        Fault now = fault;
        Account account = accounts.getOrDefault(key(grant.account().email()), grant.account());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", randomToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        body.put("id_token", idToken(grant.request(), account, now));
        body.put("scope", grant.request().scope());
        record("token ok");
        tokenAnswer(x, 200, body);
    }

    /** Why a code may not be exchanged, or null if it may. */
    private String grantProblem(Grant grant, Map<String, String> f) {
        if (grant == null) return "unknown or already used code";
        if (Duration.between(grant.issuedAt(), Instant.now()).compareTo(CODE_LIFETIME) > 0) return "code expired";
        if (!clientId.equals(grant.request().clientId())) return "code was issued to another client";
        if (!grant.request().redirectUri().equals(f.get("redirect_uri"))) return "redirect_uri does not match the authorization request";
        String verifier = f.get("code_verifier");
        if (blank(verifier)) return "code_verifier required";
        if (!s256(verifier).equals(grant.request().codeChallenge())) return "code_verifier does not match code_challenge";
        return null;
    }

    /** A 400 from the token endpoint, recorded as "token ERROR DESCRIPTION". */
    private void tokenError(HttpExchange x, OAuthError error) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        if (error.description() != null) body.put("error_description", error.description());
        record("token " + error.code() + (error.description() == null ? "" : " " + error.description()));
        tokenAnswer(x, 400, body);
    }

    /** Token responses must not be cached (RFC 6749 section 5.1). */
    private void tokenAnswer(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        x.getResponseHeaders().set("Pragma", "no-cache");
        json(x, status, body);
    }

    // ---- ID tokens

    /** The ID token for a signed-in user, with the fault that was set when the code was exchanged. */
    private String idToken(AuthRequest request, Account account, Fault f) throws JOSEException, ParseException {
        JWTClaimsSet claims = claims(request, account, f, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String jwt = sign(claims, f == Fault.UNKNOWN_KEY ? strangerKey() : signingKey);
        return f == Fault.TAMPERED_SIGNATURE ? tamper(jwt) : jwt;
    }

    /** The claims a console reads: who (sub, email, name), for whom (iss, aud, nonce), when, and the groups. */
    private JWTClaimsSet claims(AuthRequest request, Account account, Fault f, Instant now) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(f == Fault.WRONG_ISSUER ? OTHER_ISSUER : issuer)
                .subject(subject(account.email()))
                .audience(f == Fault.WRONG_AUDIENCE ? OTHER_AUDIENCE : clientId)
                .issueTime(Date.from(issuedAt(now, f)))
                .expirationTime(Date.from(expiresAt(now, f)))
                .claim("nonce", f == Fault.WRONG_NONCE ? randomToken() : request.nonce())
                .claim("email", account.email())
                .claim("email_verified", true)
                .claim("name", displayName(account.email()))
                .claim("preferred_username", account.email());
        groups(b, account, f);
        return b.build();
    }

    /** EXPIRED is two hours old; ISSUED_IN_FUTURE comes from a provider whose clock is ten minutes ahead. */
    private static Instant issuedAt(Instant now, Fault f) {
        return switch (f) {
            case EXPIRED -> now.minus(Duration.ofHours(2));
            case ISSUED_IN_FUTURE -> now.plus(Duration.ofMinutes(10));
            default -> now;
        };
    }

    /** One hour after issue, whatever the issue time. */
    private static Instant expiresAt(Instant now, Fault f) {
        return issuedAt(now, f).plus(TOKEN_LIFETIME);
    }

    /**
     * The groups claim, or none, or Entra ID's overage indicator: for a user in too many groups Entra leaves the claim
     * out and points to Microsoft Graph instead, and a console must not read that as "in no group".
     */
    private static void groups(JWTClaimsSet.Builder b, Account account, Fault f) {
        if (f == Fault.GROUPS_OVERAGE) {
            b.claim("_claim_names", Map.of("groups", "src1"));
            b.claim("_claim_sources", Map.of("src1", Map.of("endpoint", GRAPH_ENDPOINT)));
        } else if (!account.groupsLeftOut()) {
            b.claim("groups", account.groups());
        }
    }

    /** RS256 with the key's kid in the header, so the client knows which JWKS key to check with. */
    private static String sign(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /**
     * Changes one character of the signed payload (the last one of sub) and keeps the signature. The payload stays
     * well-formed JSON, so a client gets past parsing and must refuse the token at the signature check.
     */
    private static String tamper(String jwt) throws ParseException {
        String[] parts = jwt.split("\\.");
        Map<String, Object> payload = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
        String sub = (String) payload.get("sub");
        char last = sub.charAt(sub.length() - 1);
        payload.put("sub", sub.substring(0, sub.length() - 1) + (last == 'A' ? 'B' : 'A'));
        return parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(payload)) + "." + parts[2];
    }

    /** A stable subject that is not the email address, as real providers' are not: the console must key users on email. */
    private static String subject(String email) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("test-idp:" + email));
    }

    /** The local part with a capital first letter: "jane.doe@court.example" is "Jane.doe". */
    private static String displayName(String email) {
        int at = email.indexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        return local.isEmpty() ? local : local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1);
    }

    // ---- logout

    /**
     * RP-initiated logout. It redirects only to the console's own root (the origin of a registered redirect URI plus
     * "/"), so the end-session endpoint cannot be used to send a browser anywhere else.
     */
    private void logout(HttpExchange x) throws IOException {
        Map<String, String> p = "POST".equals(x.getRequestMethod()) ? form(x) : params(x.getRequestURI().getRawQuery());
        logouts.incrementAndGet();
        String target = p.get("post_logout_redirect_uri");
        String client = p.get("client_id");
        if (target != null && postLogoutTargets.contains(target) && (client == null || clientId.equals(client))) {
            record("logout redirect");
            redirect(x, withQuery(target, "state", p.get("state")));
        } else {
            record("logout page");
            html(x, 200, document("Signed out - Test identity provider", "<h1>You are signed out</h1>\n"
                    + "<p>You can close this window.</p>"));
        }
    }

    /** scheme://host[:port] of a registered redirect URI. */
    private static String origin(String uri) {
        URI u = URI.create(uri);
        String port = u.getPort() == -1 ? "" : ":" + u.getPort();
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + port;
    }

    // ---- pages

    /** The login form; the interaction id ties the post to the authorize request kept here. */
    private static String loginPage(String interaction, String login, String error) {
        String invalid = error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"error\"";
        String alert = error == null ? "" : "<p id=\"error\">" + escape(error) + "</p>\n";
        return document("Sign in - Test identity provider", "<h1>Sign in</h1>\n" + alert
                + "<form method=\"post\" action=\"/authorize/login\">\n"
                + "<input type=\"hidden\" name=\"interaction\" value=\"" + escape(interaction) + "\">\n"
                + "<p><label for=\"login\">Email address</label>\n"
                + "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" value=\"" + escape(login) + "\"" + invalid + "></p>\n"
                + "<p><label for=\"password\">Password</label>\n"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"" + invalid + "></p>\n"
                + "<p><button id=\"submit\" type=\"submit\">Sign in</button></p>\n"
                + "</form>");
    }

    /** An error page; the message is escaped here, since it may echo request parameters. */
    private static String errorPage(String message) {
        return document("Sign-in error - Test identity provider", "<h1>Sorry, we could not sign you in</h1>\n"
                + "<p id=\"error-message\">" + escape(message) + "</p>");
    }

    /** A complete HTML5 document with a language, a title and a main landmark, so accessibility checks pass. */
    private static String document(String title, String main) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n</head>\n<body>\n<main>\n" + main + "\n</main>\n</body>\n</html>\n";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    // ---- HTTP plumbing

    private static void html(HttpExchange x, int status, String page) throws IOException {
        send(x, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void json(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        send(x, status, "application/json", JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpExchange x, int status, String message) throws IOException {
        send(x, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().set("Location", location);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(302, -1);
    }

    /** Nothing this provider answers may be cached: pages carry one-time ids, JSON carries tokens or keys that rotate. */
    private static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", contentType);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) x.getResponseBody().write(body);
    }

    /** The uri with the parameters appended (null values left out), URL-encoded. */
    private static String withQuery(String uri, String... nameValues) {
        StringBuilder b = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] == null) continue;
            b.append(sep).append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
            sep = '&';
        }
        return b.toString();
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        return params(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** application/x-www-form-urlencoded pairs; the first of a repeated name wins. */
    private static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.isEmpty()) out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), the S256 code challenge of RFC 7636. */
    private static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url: for codes, access tokens, interaction ids and wrong nonces. */
    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Fails fast on a typo in a test instead of silently changing nobody. */
    private static Account known(String email, Account a) {
        if (a == null) throw new IllegalArgumentException("no such user in the test identity provider: " + email);
        return a;
    }

    private void record(String event) {
        events.add(event);
    }
}
