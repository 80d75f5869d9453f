package mailclerk.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that speaks the protocol properly but answers the end of every message with one fixed reply,
 * such as {@code 451 4.3.0 try again later} or {@code 554 5.7.1 rejected}, or (null) with none: the connection
 * closes after the final "." as if the server crashed after queueing it. What GreenMail cannot be made to do.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private volatile String endOfDataReply;
    final AtomicInteger messagesOffered = new AtomicInteger();

    ScriptedSmtpServer(String endOfDataReply) throws IOException {
        this.endOfDataReply = endOfDataReply;
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void answer(String reply) {
        endOfDataReply = reply;
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                converse(s);
            } catch (IOException e) {
                // client went away or listener closed
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        say(out, "220 scripted.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO", "HELO" -> say(out, "250 scripted.test");
                case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 2.0.0 ok");
                case "DATA" -> {
                    say(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message is read and dropped
                    }
                    messagesOffered.incrementAndGet();
                    if (endOfDataReply == null) return; // the connection closes after the message, no answer
                    say(out, endOfDataReply);
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "502 5.5.1 not implemented");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
