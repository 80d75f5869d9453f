package mailclerk.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the client secret may be sent: https, or plain http to this machine named exactly. */
class OAuthSettingsTest {
    @Test
    void plainHttpOnlyToThisMachine() {
        assertThat(OAuthSettings.secureOrLoopback("https://login.microsoftonline.com/t/oauth2/v2.0/token")).isTrue();
        assertThat(OAuthSettings.secureOrLoopback("http://localhost:10080/token")).isTrue();
        assertThat(OAuthSettings.secureOrLoopback("http://LOCALHOST/token")).isTrue();
        assertThat(OAuthSettings.secureOrLoopback("http://127.0.0.1:10080/token")).isTrue();
        assertThat(OAuthSettings.secureOrLoopback("http://127.8.9.10/token")).isTrue();
        assertThat(OAuthSettings.secureOrLoopback("http://[::1]:8080/token")).isTrue();

        assertThat(OAuthSettings.secureOrLoopback("http://localhost.evil.example/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://127.0.0.1.evil.example/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://127.0.0.1@evil.example/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://localhost@evil.example/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://128.0.0.1/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://127.0.0.256/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://10.0.0.1/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("http://[::2]/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("ftp://localhost/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("localhost/token")).isFalse();
        assertThat(OAuthSettings.secureOrLoopback("https://user:pass@login.example/token")).as("no secrets in the URL").isFalse();
    }
}
