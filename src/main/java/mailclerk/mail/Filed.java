package mailclerk.mail;

/**
 * Where a filed message now is: its UIDVALIDITY and UID in the destination folder, from the server's COPYUID
 * answer (RFC 4315). Both are -1 when the server does not say; {@code present} is false when the message was
 * no longer there to file.
 */
public record Filed(boolean present, long uidValidity, long uid) {
    public static final Filed GONE = new Filed(false, -1, -1);
    public static final Filed UNKNOWN_PLACE = new Filed(true, -1, -1);

    public boolean placeKnown() {
        return present && uid > 0;
    }
}
