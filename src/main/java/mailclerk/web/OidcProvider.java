package mailclerk.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's side of the court's OpenID Connect provider, through the Nimbus SDK: discovery (read again after a
 * failure, so a provider that was down at start is used once it is up), the authorization request with PKCE (S256),
 * state and nonce, the code exchange, and the ID token's validation (signature by a key of the provider's JWKS,
 * fetched again for a key id it does not know, so keys can rotate; issuer, audience, expiry and nonce). The access
 * token is read past and dropped: the console calls no API with it.
 */
public final class OidcProvider {
    /** A sign-in that did not succeed, with what the person sees and what the log says an administrator should fix. */
    public static final class Failure extends Exception {
        private final String page;

        Failure(String page, String log) {
            super(log);
            this.page = page;
        }

        /** For the person at the browser: never a token, never the provider's raw answer. */
        public String page() {
            return page;
        }
    }

    private final OidcSettings settings;
    private volatile Resolved resolved;

    private record Resolved(OidcProviderMetadataView meta, IDTokenValidator validator) {
    }

    /** The parts of the discovery document the console uses. */
    record OidcProviderMetadataView(URI authorization, URI token, URI endSession, ClientAuthenticationMethod clientAuth,
                                    OIDCProviderMetadata raw) {
    }

    public OidcProvider(OidcSettings settings) {
        this.settings = settings;
    }

    public OidcSettings settings() {
        return settings;
    }

    /** The origins the console's forms lead to when signing in and out: the issuer's, and its endpoints' once known. */
    public java.util.Set<String> formTargets() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.List<URI> addresses = new java.util.ArrayList<>(List.of(URI.create(settings.issuer())));
        Resolved r = resolved;
        if (r != null) {
            if (r.meta().authorization() != null) addresses.add(r.meta().authorization());
            if (r.meta().endSession() != null) addresses.add(r.meta().endSession());
        }
        for (URI u : addresses) {
            String o = origin(u);
            if (o != null) out.add(o);
        }
        return out;
    }

    private static String origin(URI u) {
        if (u.getScheme() == null || u.getRawAuthority() == null) return null;
        // only characters a CSP source may hold: an address from the settings or discovery cannot add a directive
        String o = u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + u.getRawAuthority().toLowerCase(java.util.Locale.ROOT);
        return o.matches("[a-z][a-z0-9+.-]*://[a-z0-9.\\-:\\[\\]]+") ? o : null;
    }

    /** Where to send the browser to sign in. */
    public URI signInAddress(String state, String nonce, String codeVerifier) throws Failure {
        Resolved r = resolve();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), settings.redirectUri())
                .endpointURI(r.meta().authorization())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Exchanges the code and validates the ID token; who signed in. */
    public SignedInPerson redeem(String code, String codeVerifier, String nonce) throws Failure {
        Resolved r = resolve();
        TokenRequest request = new TokenRequest(r.meta().token(), clientAuthentication(r.meta()),
                new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(), new CodeVerifier(codeVerifier)));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new Failure("The court's sign-in service did not answer. Try again in a minute.",
                    "token endpoint " + r.meta().token() + " unreachable: " + e.getMessage());
        } catch (ParseException e) {
            throw new Failure("The court's sign-in service gave an answer the console could not read. Try again.",
                    "token endpoint answered something that is not a token response: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) throw tokenError(((TokenErrorResponse) response).getErrorObject());
        JWT idToken = ((OIDCTokenResponse) response).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new Failure("The court's sign-in service did not say who you are. Administrators: see the log.",
                    "the token response has no id_token: request the openid scope (console.oidc.scopes)");
        }
        IDTokenClaimsSet claims;
        try {
            claims = r.validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw idTokenError(e.getMessage());
        } catch (JOSEException e) {
            throw new Failure("Your sign-in could not be checked. Try again; administrators: see the log.",
                    "ID token not checked: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        return person(claims);
    }

    /** Where to send the browser to sign out at the provider too, when it offers that (RP-initiated logout). */
    public Optional<URI> signOutAddress() {
        Resolved r = resolved;
        if (r == null) {
            try {
                r = resolve();
            } catch (Failure e) {
                return Optional.empty();
            }
        }
        if (r.meta().endSession() == null) return Optional.empty();
        return Optional.of(new LogoutRequest(r.meta().endSession(), null, null, new ClientID(settings.clientId()),
                settings.afterLogout(), null, null).toURI());
    }

    /**
     * For check-config: discovery, issuer, and whether the client's secret is accepted (a client-credentials request:
     * "invalid_client" means refused; any other answer means the provider knew the client and its secret).
     */
    public List<String> check() {
        List<String> out = new java.util.ArrayList<>();
        Resolved r;
        try {
            r = resolve();
        } catch (Failure e) {
            out.add("FAIL " + e.getMessage());
            return out;
        }
        out.add("ok   discovery " + settings.issuer() + "/.well-known/openid-configuration, issuer matches");
        out.add("ok   redirect URI " + settings.redirectUri() + " (must be registered at the provider; only a sign-in shows it)");
        TokenRequest probe = new TokenRequest(r.meta().token(), clientAuthentication(r.meta()), new ClientCredentialsGrant(),
                new Scope(settings.clientId() + "/.default"));
        try {
            TokenResponse response = TokenResponse.parse(send(probe.toHTTPRequest()));
            if (response.indicatesSuccess()) {
                out.add("ok   client id and secret accepted");
            } else {
                ErrorObject e = ((TokenErrorResponse) response).getErrorObject();
                String code = e == null || e.getCode() == null ? "HTTP " + (e == null ? "error" : e.getHTTPStatusCode()) : e.getCode();
                if ((e != null && e.getHTTPStatusCode() == 401) || "invalid_client".equals(code)) {
                    out.add("FAIL client id or secret refused (invalid_client): check console.oidc.client-id and the secret's "
                            + "value (not its id), and that it has not expired");
                } else if (List.of("unauthorized_client", "invalid_scope", "invalid_grant").contains(code)) {
                    out.add("ok   client id and secret accepted (the provider answered " + code
                            + " to a client-credentials request, an answer given only after the secret is checked)");
                } else if (refusesWrongSecret(r.meta())) {
                    // the same request with a made-up secret is refused as invalid_client: so ours was accepted
                    out.add("ok   client id and secret accepted (the provider answers " + code + " with this secret and "
                            + "invalid_client with a wrong one)");
                } else {
                    out.add("?    cannot check the secret without a sign-in (the provider answered " + code
                            + " before checking it); sign in once to be sure");
                }
            }
        } catch (IOException | ParseException e) {
            out.add("?    cannot check the secret without a sign-in: " + e.getMessage());
        }
        return out;
    }

    private boolean refusesWrongSecret(OidcProviderMetadataView meta) {
        ClientID id = new ClientID(settings.clientId());
        Secret wrong = new Secret(); // random
        ClientAuthentication auth = meta.clientAuth().equals(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(id, wrong) : new ClientSecretBasic(id, wrong);
        try {
            TokenResponse response = TokenResponse.parse(send(new TokenRequest(meta.token(), auth, new ClientCredentialsGrant(),
                    new Scope(settings.clientId() + "/.default")).toHTTPRequest()));
            if (response.indicatesSuccess()) return false;
            ErrorObject e = ((TokenErrorResponse) response).getErrorObject();
            return e != null && (e.getHTTPStatusCode() == 401 || "invalid_client".equals(e.getCode()));
        } catch (IOException | ParseException e) {
            return false;
        }
    }

    /** After a failed discovery, requests fail at once for this long instead of each waiting on the provider. */
    private static final long RETRY_AFTER_MS = 30_000;
    private volatile Failure lastFailure;
    private volatile long lastFailureAt;

    private Resolved resolve() throws Failure {
        Resolved r = resolved;
        if (r != null) return r;
        Failure recent = lastFailure;
        if (recent != null && System.currentTimeMillis() - lastFailureAt < RETRY_AFTER_MS) throw recent;
        synchronized (this) {
            if (resolved != null) return resolved;
            recent = lastFailure;
            if (recent != null && System.currentTimeMillis() - lastFailureAt < RETRY_AFTER_MS) throw recent;
            try {
                return discover();
            } catch (Failure f) {
                lastFailure = f;
                lastFailureAt = System.currentTimeMillis();
                throw f;
            }
        }
    }

    private Resolved discover() throws Failure {
        {
            int ms = (int) settings.timeout().toMillis();
            OIDCProviderMetadata meta;
            try {
                meta = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), ms, ms);
            } catch (GeneralException e) {
                // Nimbus compares the discovery document's issuer with ours: the usual "Invalid issuer" of a v1/v2 mix-up
                throw new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                        "discovery of " + settings.issuer() + " failed: " + e.getMessage() + " (console.oidc.issuer must be "
                                + "exactly the issuer in the discovery document; for Entra ID https://login.microsoftonline.com/"
                                + "TENANT-ID/v2.0)");
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("Status code 4")) {
                    // the provider answered, but has no discovery document there: the issuer address is wrong
                    throw new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                            "no discovery document at " + settings.issuer() + "/.well-known/openid-configuration (" + m
                                    + "): console.oidc.issuer is not the provider's issuer; for Entra ID "
                                    + "https://login.microsoftonline.com/TENANT-ID/v2.0, for Okta https://ORG.okta.com/oauth2/default");
                }
                throw new Failure("The court's sign-in service did not answer. Try again in a minute.",
                        "discovery of " + settings.issuer() + " unreachable: " + m);
            }
            if (meta.getJWKSetURI() == null || meta.getTokenEndpointURI() == null) {
                throw new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                        "the discovery document of " + settings.issuer() + " names no jwks_uri or token_endpoint");
            }
            JWKSource<SecurityContext> keys;
            try {
                keys = JWKSourceBuilder.<SecurityContext>create(meta.getJWKSetURI().toURL(),
                                new DefaultResourceRetriever(ms, ms, 512 * 1024))
                        // an unknown key id fetches the set again at once (keys rotate); no rate limit, since only the
                        // provider's own answers on the back channel bring tokens here, never a browser
                        .rateLimited(false)
                        .build();
            } catch (java.net.MalformedURLException e) {
                throw new Failure("The console's sign-in is not set up correctly.", "jwks_uri is not a URL: " + e.getMessage());
            }
            IDTokenValidator validator = new IDTokenValidator(meta.getIssuer(), new ClientID(settings.clientId()),
                    new JWSVerificationKeySelector<>(JWSAlgorithm.Family.SIGNATURE.stream()
                            .filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a)).collect(java.util.stream.Collectors.toSet()), keys),
                    null);
            validator.setMaxClockSkew((int) settings.clockSkew().toSeconds());
            resolved = new Resolved(new OidcProviderMetadataView(meta.getAuthorizationEndpointURI(), meta.getTokenEndpointURI(),
                    meta.getEndSessionEndpointURI(), clientAuthMethod(meta), meta), validator);
            return resolved;
        }
    }

    private static ClientAuthenticationMethod clientAuthMethod(OIDCProviderMetadata meta) {
        List<ClientAuthenticationMethod> offered = meta.getTokenEndpointAuthMethods();
        // client_secret_basic is the default when the provider does not say (RFC 8414)
        if (offered == null || offered.isEmpty() || offered.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
            return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
        }
        return ClientAuthenticationMethod.CLIENT_SECRET_POST;
    }

    private ClientAuthentication clientAuthentication(OidcProviderMetadataView meta) {
        ClientID id = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        return meta.clientAuth().equals(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    private com.nimbusds.oauth2.sdk.http.HTTPResponse send(HTTPRequest request) throws IOException {
        int ms = (int) settings.timeout().toMillis();
        request.setConnectTimeout(ms);
        request.setReadTimeout(ms);
        return request.send();
    }

    private static Failure tokenError(ErrorObject e) {
        String code = e.getCode() == null ? "(none)" : e.getCode();
        if ("invalid_client".equals(code) || e.getHTTPStatusCode() == 401) {
            return new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                    "the provider refused the console's client id or secret (invalid_client): check console.oidc.client-id "
                            + "and console.oidc.client-secret (the secret's value, not its id; not expired)");
        }
        if ("invalid_grant".equals(code)) {
            return new Failure("That sign-in took too long or was used already. Sign in again.",
                    "the provider refused the code (invalid_grant): expired, used twice, or another redirect URI or PKCE verifier");
        }
        return new Failure("The court's sign-in service refused the sign-in. Administrators: see the log.",
                "token endpoint error " + code + ": " + clip(e.getDescription()));
    }

    /** Nimbus's messages for each check, turned into what to do about it. */
    private Failure idTokenError(String message) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("issuer")) {
            return new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                    "ID token refused: " + m + ": its issuer is not console.oidc.issuer (" + settings.issuer() + ")");
        }
        if (lower.contains("audience")) {
            return new Failure("The console's sign-in is not set up correctly. Administrators: see the log.",
                    "ID token refused: " + m + ": it was issued for another application than console.oidc.client-id");
        }
        if (lower.contains("expired") || lower.contains("ahead") || lower.contains("future") || lower.contains("iat")) {
            return new Failure("Your sign-in could not be checked because this server's clock and the sign-in service's "
                    + "disagree. Administrators: see the log.", "ID token refused: " + m + ": the clocks of this server and of "
                    + "the provider differ by more than " + settings.clockSkew().toSeconds() + " s (check NTP/chrony on both)");
        }
        if (lower.contains("nonce")) {
            return new Failure("That sign-in does not belong to this browser's. Sign in again.", "ID token refused: " + m);
        }
        if (lower.contains("signature") || lower.contains("key") || lower.contains("jws")) {
            return new Failure("Your sign-in could not be checked. Sign in again; administrators: see the log.",
                    "ID token refused: " + m + ": its signature does not verify with the provider's published keys");
        }
        return new Failure("Your sign-in could not be checked. Sign in again; administrators: see the log.", "ID token refused: " + m);
    }

    private static SignedInPerson person(IDTokenClaimsSet claims) {
        Map<String, Object> all = claims.toJSONObject();
        String email = Admission.emailOf(claims.getStringClaim("email"), claims.getBooleanClaim("email_verified"),
                claims.getStringClaim("preferred_username")).orElse(null);
        List<String> groups = List.of();
        Object g = all.get("groups");
        if (g instanceof List<?> list) groups = list.stream().map(String::valueOf).limit(10_000).toList();
        boolean overage = all.get("_claim_names") instanceof Map<?, ?> names && names.containsKey("groups");
        return new SignedInPerson(claims.getSubject().getValue(), email, groups, overage);
    }

    /** Text from the provider or the browser, for a page or a log line: one line, at most 200 characters. */
    static String clip(String s) {
        if (s == null) return "";
        String flat = s.replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
