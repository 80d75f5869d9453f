package mailclerk.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail has no STARTTLS, so this front adds it: it speaks the plain-text start of an IMAP or SMTP session
 * (greeting, capabilities, STARTTLS), switches the connection to TLS with the test certificate, then relays
 * everything to GreenMail's plain port. The client's TLS and host-name checks run exactly as against a real
 * server; everything after STARTTLS is GreenMail's.
 */
final class StartTlsFront implements AutoCloseable {
    enum Protocol { IMAP, SMTP }

    static final Path KEYSTORE = Path.of("src/test/resources/tls/mail-server.p12");
    static final Path TRUSTSTORE = Path.of("src/test/resources/tls/truststore.p12");
    static final String PASSWORD = "changeit";

    private final Protocol protocol;
    private final int targetPort;
    private final ServerSocket listener;
    private final SSLContext tls;

    StartTlsFront(Protocol protocol, int targetPort) throws Exception {
        this.protocol = protocol;
        this.targetPort = targetPort;
        this.tls = serverContext();
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "starttls-front");
        t.setDaemon(true);
        t.start();
    }

    static SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "starttls-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (!plainTextStart(client.getInputStream(), client.getOutputStream())) return;
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                readLine(server.getInputStream()); // GreenMail's own greeting: the client already had ours
                Thread up = new Thread(() -> pump(secure, server), "starttls-front-up");
                up.setDaemon(true);
                up.start();
                pump(server, secure);
            }
        } catch (IOException e) {
            // the client gave up (for instance on an untrusted certificate): nothing to relay
        }
    }

    /** Plays the server until the client asks for STARTTLS; false if it never does. */
    private boolean plainTextStart(InputStream in, OutputStream out) throws IOException {
        if (protocol == Protocol.IMAP) {
            say(out, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] front ready");
        } else {
            say(out, "220 front.test ESMTP");
        }
        String line;
        while ((line = readLine(in)) != null) {
            if (protocol == Protocol.IMAP) {
                String[] w = line.split(" ", 3);
                String tag = w[0];
                String cmd = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "";
                switch (cmd) {
                    case "CAPABILITY" -> say(out, "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + " OK done");
                    case "STARTTLS" -> {
                        say(out, tag + " OK begin TLS now");
                        return true;
                    }
                    case "LOGOUT" -> {
                        say(out, "* BYE\r\n" + tag + " OK bye");
                        return false;
                    }
                    default -> say(out, tag + " BAD only CAPABILITY, STARTTLS and LOGOUT before TLS");
                }
            } else {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO" -> say(out, "250-front.test\r\n250 STARTTLS");
                    case "STAR" -> {
                        say(out, "220 2.0.0 ready to start TLS");
                        return true;
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return false;
                    }
                    default -> say(out, "530 5.7.0 must issue STARTTLS first");
                }
            }
        }
        return false;
    }

    /** One line, byte by byte: nothing of the TLS handshake that follows may be read ahead. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') buf.write(b);
        }
        return b == -1 && buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
    }

    private static void say(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
