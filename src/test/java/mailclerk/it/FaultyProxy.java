package mailclerk.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback between mailclerk and a real mail server, which can cut the connection after the
 * server has sent a given number of bytes (a connection dropped mid-fetch) or hold new connections until the
 * test lets them through (something happens while mailclerk waits for the server).
 */
final class FaultyProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong serverBytes = new AtomicLong();
    private volatile long dropAfterServerBytes = Long.MAX_VALUE;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch waiting = new CountDownLatch(1);
    private volatile boolean stalled;

    FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "faulty-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cut every connection once the server has sent this many bytes in total (counted from now). */
    void dropAfterServerBytes(long bytes) {
        serverBytes.set(0);
        dropAfterServerBytes = bytes;
    }

    long serverBytes() {
        return serverBytes.get();
    }

    /**
     * The server goes silent without closing anything: every open connection stops forwarding in both directions and
     * new connections are accepted but never reach the server (a hung server, a black-holing firewall).
     */
    void stall() {
        stalled = true;
    }

    void heal() {
        stalled = false;
        dropAfterServerBytes = Long.MAX_VALUE;
        gate.countDown();
    }

    /** New connections wait until {@link #heal()}; returns a latch that opens when one is waiting. */
    CountDownLatch holdNewConnections() {
        gate = new CountDownLatch(1);
        waiting = new CountDownLatch(1);
        return waiting;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> relay(client), "faulty-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            waiting.countDown();
            gate.await(30, TimeUnit.SECONDS);
            holdWhileStalled();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(server);
            Thread up = new Thread(() -> pump(client, server, false), "faulty-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(server, client, true);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buf = new byte[4096];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                holdWhileStalled();
                if (fromServer) {
                    long before = serverBytes.getAndAdd(n);
                    long allowed = dropAfterServerBytes - before;
                    if (allowed < n) {
                        if (allowed > 0) out.write(buf, 0, (int) allowed);
                        out.flush();
                        break;
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void holdWhileStalled() {
        while (stalled && !listener.isClosed()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        gate.countDown();
        listener.close();
        for (Socket s : open) closeQuietly(s);
    }
}
