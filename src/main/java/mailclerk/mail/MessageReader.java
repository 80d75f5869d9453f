package mailclerk.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a MIME message of any shape into an {@link IncomingMessage}, never throwing for a malformed message:
 * what cannot be read is recorded in {@code problems} and the rest is kept. Memory is bounded by
 * {@link ReadLimits}: text parts are read up to a character limit, the MIME tree up to a part count and depth.
 */
public final class MessageReader {
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![^\\s<>()\\[\\]@,;:\"])[^\\s<>()\\[\\]@,;:\"]++@[^\\s<>()\\[\\]@,;:\"]++");
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]*+");
    private static final Pattern SPACES = Pattern.compile(" {2,}+");
    static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]{1,250}>");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final ReadLimits limits;

    public MessageReader(ReadLimits limits) {
        this.limits = limits;
    }

    public IncomingMessage read(MimeMessage m, long size) {
        List<String> problems = new ArrayList<>();
        Headers headers = readHeaders(m, problems);
        String subject = decode(headers.first("Subject"));
        List<InternetAddress> from = addresses(headers.all("From"), problems);
        String fromName = from.isEmpty() || from.get(0).getPersonal() == null ? "" : from.get(0).getPersonal();
        String returnPath = returnPath(headers.first("Return-Path"));
        List<String> refs = new ArrayList<>();
        for (String h : List.of("In-Reply-To", "References")) {
            for (String v : headers.all(h)) {
                Matcher mm = MSG_ID.matcher(v);
                while (mm.find() && refs.size() < 100) refs.add(mm.group());
            }
        }
        String messageId = null;
        String rawId = headers.first("Message-ID");
        if (rawId != null) {
            Matcher mm = MSG_ID.matcher(rawId);
            messageId = mm.find() ? mm.group() : rawId.strip();
        }
        String contentType = headers.first("Content-Type") == null ? "text/plain" : headers.first("Content-Type");

        Body body = new Body();
        try {
            walk(m, 0, body, problems);
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add("body unreadable: " + e.getClass().getSimpleName());
        }
        String text = visible(body.bestText(problems));

        return new IncomingMessage(messageId, List.copyOf(refs), returnPath, from, clean(fromName),
                addresses(headers.all("Reply-To"), problems), addresses(headers.all("To"), problems),
                addresses(headers.all("Cc"), problems), clean(subject), sentDate(m), headers,
                contentType.strip(), text, List.copyOf(body.attachments), size, List.copyOf(problems),
                newestReceived(headers));
    }

    /**
     * The date of the topmost Received line (the last hop, added by the receiving server: for a message in a file the
     * best stand-in for when the court received it); null without one. The sender can add Received lines below it,
     * not above the servers' own.
     */
    static Instant newestReceived(Headers headers) {
        String top = headers.first("Received");
        if (top == null) return null;
        int semicolon = top.lastIndexOf(';');
        if (semicolon < 0) return null;
        try {
            Date d = new jakarta.mail.internet.MailDateFormat().parse(top.substring(semicolon + 1).strip());
            return d == null ? null : d.toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    /** A message too large to fetch whole, read from its header alone; it carries a "too large" problem. */
    public IncomingMessage readHeaderOnly(byte[] header, long size) throws MessagingException {
        return read(HelpMailbox.parse(header), size)
                .withProblem("too large: " + size + " bytes, limit " + limits.maxMessageBytes());
    }

    private Headers readHeaders(MimeMessage m, List<String> problems) {
        Headers.Builder b = Headers.builder();
        try {
            Enumeration<Header> all = m.getAllHeaders();
            int n = 0;
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                if (++n > limits.maxHeaders()) {
                    problems.add("more than " + limits.maxHeaders() + " headers");
                    break;
                }
                String v = h.getValue() == null ? "" : h.getValue();
                if (v.length() > limits.maxHeaderChars()) {
                    problems.add("header " + clean(h.getName()) + " cut at " + limits.maxHeaderChars() + " chars");
                    v = v.substring(0, limits.maxHeaderChars());
                }
                b.add(h.getName(), unfold(v));
            }
        } catch (MessagingException | RuntimeException e) {
            problems.add("headers unreadable: " + e.getClass().getSimpleName());
        }
        return b.build();
    }

    static String unfold(String v) {
        if (v == null) return null;
        return FOLD.matcher(v).replaceAll(" ").strip();
    }

    static String decode(String v) {
        if (v == null) return "";
        try {
            return MimeUtility.decodeText(v);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return v;
        }
    }

    /**
     * Removes control characters (CR, LF, NUL ...) from a decoded header so it cannot break a line we write, and
     * the bidirectional controls (U+202E and friends) that make "gpj.exe" read as "exe.jpg" on a clerk's screen.
     */
    /**
     * A body as a clerk should read it: bidirectional controls, zero-width and tag characters removed (they reorder
     * or hide words on the screen, "trojan source" style), line breaks and everything else kept.
     */
    static String visible(String s) {
        if (s == null || s.isEmpty()) return s;
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == 0x2028 || c == 0x2029) b.append('\n');
            else if (!isBidiControl(c) && !LogText.invisible(c)) b.appendCodePoint(c);
        });
        return b.toString();
    }

    public static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) b.append(' ');
            else if (!isBidiControl(c) && !LogText.invisible(c)) b.appendCodePoint(c);
        });
        return SPACES.matcher(b).replaceAll(" ").strip();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static String returnPath(String v) {
        if (v == null) return null;
        String s = v.strip();
        if (s.equals("<>") || s.isEmpty()) return "";
        Matcher mm = ADDRESS.matcher(s);
        return mm.find() ? mm.group() : "";
    }

    /** Parses address headers leniently: a broken header still yields the addresses that can be found in it. */
    static List<InternetAddress> addresses(List<String> values, List<String> problems) {
        List<InternetAddress> out = new ArrayList<>();
        for (String v : values) {
            try {
                List<InternetAddress> found = new ArrayList<>();
                for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
                    if (a.getAddress() == null || !a.getAddress().contains("@")) continue;
                    a.validate(); // the lenient parse takes "Pat <pat@firm.example" (no ">") whole as an address
                    found.add(decoded(a));
                }
                out.addAll(found);
            } catch (AddressException | RuntimeException e) {
                Matcher mm = ADDRESS.matcher(v);
                while (mm.find()) {
                    try {
                        out.add(new InternetAddress(mm.group(), false));
                    } catch (AddressException ignored) {
                        // not an address after all
                    }
                }
                problems.add("malformed address header");
            }
            if (out.size() > 50) break;
        }
        return out;
    }

    private static InternetAddress decoded(InternetAddress a) {
        String personal = a.getPersonal();
        if (personal != null) {
            try {
                a.setPersonal(clean(decode(personal)), "UTF-8");
            } catch (UnsupportedEncodingException e) {
                // UTF-8 is always supported
            }
        }
        return a;
    }

    private static Instant sentDate(MimeMessage m) {
        try {
            Date d = m.getSentDate();
            return d == null ? null : d.toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** Collects the candidate texts and the attachments while walking the MIME tree. */
    private final class Body {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final StringBuilder nested = new StringBuilder();
        final List<Attachment> attachments = new ArrayList<>();
        int parts;

        String bestText(List<String> problems) {
            String p = plain.toString().strip();
            if (p.length() >= 20 || (html.length() == 0 && !p.isEmpty())) return p;
            if (html.length() > 0) {
                try {
                    String h = HtmlText.toText(html.toString());
                    if (!h.isBlank()) return h;
                } catch (RuntimeException e) {
                    problems.add("html unreadable");
                }
            }
            if (!p.isEmpty()) return p;
            return nested.toString().strip();
        }
    }

    private void walk(Part part, int depth, Body body, List<String> problems) throws MessagingException, IOException {
        if (++body.parts > limits.maxParts()) {
            if (body.parts == limits.maxParts() + 1) problems.add("more than " + limits.maxParts() + " MIME parts");
            return;
        }
        if (depth > limits.maxDepth()) {
            problems.add("MIME nesting deeper than " + limits.maxDepth());
            return;
        }
        String type = contentType(part);
        String disposition = safeDisposition(part);
        String fileName = safeFileName(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                int count = mp.getCount();
                for (int i = 0; i < count; i++) {
                    if (body.parts > limits.maxParts()) break;
                    walk(mp.getBodyPart(i), depth + 1, body, problems);
                }
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (attachment || !(type.startsWith("text/") || type.equals("message/rfc822"))) {
            if (!type.startsWith("multipart/")) {
                addAttachment(body, fileName, type, part);
            }
            return;
        }
        if (type.equals("message/rfc822")) {
            Object content = part.getContent();
            if (content instanceof MimeMessage inner) {
                Body innerBody = new Body();
                innerBody.parts = body.parts;
                walk(inner, depth + 1, innerBody, problems);
                body.parts = innerBody.parts;
                append(body.nested, innerBody.bestText(problems), problems);
                body.attachments.addAll(innerBody.attachments);
            }
            return;
        }
        String text = readText(part, problems);
        if (type.equals("text/html")) append(body.html, text, problems);
        else if (type.equals("text/plain") || type.equals("text/enriched") || type.equals("text")) append(body.plain, text, problems);
        else if (!type.equals("text/rfc822-headers") && !type.equals("text/calendar")) append(body.nested, text, problems);
    }

    private static void addAttachment(Body body, String fileName, String type, Part part) {
        long size;
        try {
            size = part.getSize();
        } catch (MessagingException | RuntimeException e) {
            size = -1;
        }
        body.attachments.add(new Attachment(fileName == null ? "(unnamed)" : clean(fileName), type, size));
    }

    private void append(StringBuilder b, String text, List<String> problems) {
        int room = limits.maxTextChars() - b.length();
        if (room <= 0) return;
        if (b.length() > 0) b.append('\n');
        if (text.length() > room) {
            problems.add("text cut at " + limits.maxTextChars() + " chars");
            b.append(text, 0, room);
        } else {
            b.append(text);
        }
    }

    private static String contentType(Part part) {
        try {
            String ct = part.getContentType();
            if (ct == null) return "text/plain";
            return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String safeFileName(Part part) {
        try {
            String n = part.getFileName();
            return n == null ? null : decode(n);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** Reads a text part up to the limit, in its declared charset, falling back for unknown or wrong charsets. */
    private String readText(Part part, List<String> problems) {
        String declared = null;
        try {
            String ct = part.getContentType();
            if (ct != null) declared = new ContentType(ct).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            problems.add("unreadable Content-Type");
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            // a UTF-8 character is at most 4 bytes: enough bytes for maxTextChars characters, never the whole part
            bytes = in.readNBytes(limits.maxTextChars() * 4);
            if (in.read() != -1) problems.add("text part cut at " + limits.maxTextChars() * 4 + " bytes");
        } catch (IOException | MessagingException | RuntimeException e) {
            problems.add("text part unreadable: " + e.getClass().getSimpleName());
            return "";
        }
        return decodeBytes(bytes, declared, problems);
    }

    static String decodeBytes(byte[] bytes, String declared, List<String> problems) {
        Charset cs = null;
        if (declared != null) {
            try {
                cs = Charset.forName(MimeUtility.javaCharset(declared.strip()));
            } catch (RuntimeException e) {
                problems.add("unknown charset " + clean(declared));
            }
        }
        if (cs != null && !cs.equals(StandardCharsets.US_ASCII) && !cs.equals(StandardCharsets.ISO_8859_1)) {
            String strict = strictDecode(bytes, cs);
            if (strict != null) return strict;
            if (!cs.equals(StandardCharsets.UTF_8)) return new String(bytes, cs);
            // declared UTF-8 but is not: mail programs that label windows-1252 text as UTF-8
            problems.add("text is not the " + cs.name() + " it claims to be");
            return new String(bytes, WINDOWS_1252);
        }
        // undeclared, unknown, ASCII or Latin-1: very often really UTF-8 or windows-1252
        String utf8 = strictDecode(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    /**
     * Decodes, or returns null when the bytes are not valid in {@code cs}. A sequence left incomplete at the very
     * end is dropped, not an error: the text may have been cut at the reader's byte limit.
     */
    private static String strictDecode(byte[] bytes, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, (long) bytes.length * 2 + 16));
        CoderResult r = decoder.decode(in, out, false);
        if (r.isError()) return null;
        if (in.remaining() > 4) return null;
        if (!in.hasRemaining()) {
            decoder.decode(in, out, true);
            decoder.flush(out);
        }
        return out.flip().toString();
    }
}
