package mailclerk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;

/** Reads .eml files the way the responder reads fetched mail, under the same size limits. */
final class EmlFiles {
    private EmlFiles() {
    }

    static IncomingMessage read(Path file, ReadLimits limits) throws IOException {
        long size = Files.size(file);
        MessageReader reader = new MessageReader(limits);
        try (InputStream in = Files.newInputStream(file)) {
            if (size > limits.maxMessageBytes()) {
                byte[] head = in.readNBytes(limits.maxHeaderChars() * limits.maxHeaders() / 8 + 65536);
                int end = headerEnd(head);
                return reader.readHeaderOnly(java.util.Arrays.copyOf(head, end), size);
            }
            return reader.read(HelpMailbox.parse(in.readAllBytes()), size);
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i + 4;
            if (b[i] == '\n' && b[i + 1] == '\n') return i + 2;
        }
        return b.length;
    }
}
