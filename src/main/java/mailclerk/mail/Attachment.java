package mailclerk.mail;

/** An attachment as the clerk needs to know it: listed, never opened. Size is the encoded size, -1 if unknown. */
public record Attachment(String fileName, String contentType, long size) {
}
