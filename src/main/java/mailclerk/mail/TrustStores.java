package mailclerk.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import mailclerk.config.ConfigException;

/** A court's own CA: certificates trusted from a PKCS#12 or JKS file instead of the JDK's defaults. */
final class TrustStores {
    private TrustStores() {
    }

    static SSLSocketFactory socketFactory(String path, String password) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (Exception e) {
            throw new ConfigException("cannot load tls.truststore " + path + ": " + e.getMessage());
        }
    }
}
