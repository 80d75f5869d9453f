package mailclerk.mail.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import mailclerk.config.ConfigException;

/**
 * The signed JWT a Google service account presents for a token (RFC 7523), acting for the mailbox {@code subject}
 * through domain-wide delegation. Signed RS256 with the JDK: no Google library needed for one signature.
 */
final class ServiceAccountAssertion {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String clientEmail;
    private final PrivateKey key;
    private final String keyId;

    private ServiceAccountAssertion(String clientEmail, PrivateKey key, String keyId) {
        this.clientEmail = clientEmail;
        this.key = key;
        this.keyId = keyId;
    }

    static ServiceAccountAssertion load(Path keyFile) {
        try {
            JsonNode k = JSON.readTree(Files.readAllBytes(keyFile));
            String email = k.path("client_email").asText("");
            String pem = k.path("private_key").asText("");
            if (email.isEmpty() || pem.isEmpty()) {
                throw new ConfigException(keyFile.getFileName() + " is not a service account key (no client_email or private_key)");
            }
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new ServiceAccountAssertion(email, key, k.path("private_key_id").asText(""));
        } catch (IOException e) {
            throw new ConfigException("cannot read oauth.service-account-key-file: " + e.getClass().getSimpleName());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("the service account key's private_key is not an RSA key in PKCS#8 PEM");
        }
    }

    String sign(String subject, String scope, String audience, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (!keyId.isEmpty()) header.put("kid", keyId);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientEmail);
        if (subject != null && !subject.isEmpty()) claims.put("sub", subject);
        claims.put("scope", scope);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3600);
        try {
            String signingInput = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the service account assertion", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
