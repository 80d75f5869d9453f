package mailclerk.mail;

import jakarta.mail.internet.SharedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A message that is never in memory or on disk: a header followed by base64 lines generated on demand, as long as
 * asked for. Jakarta Mail reads a {@link SharedInputStream} lazily, so a reader that respects its limits only
 * ever touches the first bytes of the body.
 */
final class GeneratedMessage extends InputStream implements SharedInputStream {
    private static final byte[] LINE = ("QUFB".repeat(19) + "\r\n").getBytes(StandardCharsets.US_ASCII); // 57 bytes decoded
    private final byte[] header;
    private final long start;
    private final long end;
    private long pos;
    private long mark;
    final long[] maxPositionRead;

    /** A message whose single text part decodes to at least {@code decodedBytes} bytes. */
    static GeneratedMessage decodingTo(String header, long decodedBytes) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        long lines = (decodedBytes + 56) / 57;
        return new GeneratedMessage(h, 0, h.length + lines * LINE.length, new long[1]);
    }

    private GeneratedMessage(byte[] header, long start, long end, long[] maxPositionRead) {
        this.header = header;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.maxPositionRead = maxPositionRead;
    }

    long length() {
        return end;
    }

    private int byteAt(long p) {
        if (p < header.length) return header[(int) p] & 0xff;
        return LINE[(int) ((p - header.length) % LINE.length)] & 0xff;
    }

    @Override
    public int read() {
        if (pos >= end) return -1;
        maxPositionRead[0] = Math.max(maxPositionRead[0], pos);
        return byteAt(pos++);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= end) return -1;
        int n = (int) Math.min(len, end - pos);
        for (int i = 0; i < n; i++) b[off + i] = (byte) byteAt(pos + i);
        pos += n;
        maxPositionRead[0] = Math.max(maxPositionRead[0], pos);
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int limit) {
        mark = pos;
    }

    @Override
    public synchronized void reset() {
        pos = mark;
    }

    @Override
    public long getPosition() {
        return pos - start;
    }

    @Override
    public InputStream newStream(long from, long to) {
        long s = start + from;
        long e = to < 0 ? end : start + to;
        return new GeneratedMessage(header, s, e, maxPositionRead);
    }
}
