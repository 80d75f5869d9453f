package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteStripperTest {
    @Test
    void gmailStyleQuoteIsDropped() {
        String s = QuoteStripper.strip("I forgot my password.\n\nOn Tue, Jul 8, 2025 at 9:00 AM Jane <j@x.example> wrote:\n> menus are missing\n", false);
        assertThat(s).isEqualTo("I forgot my password.");
    }

    @Test
    void outlookHeaderBlockIsDropped() {
        String s = QuoteStripper.strip("Still stuck.\n\nFrom: Jane Doe <j@x.example>\nSent: Monday, July 7, 2025 9:00 AM\n"
                + "To: Help Desk\nSubject: menus\n\nmenus are missing\n", false);
        assertThat(s).isEqualTo("Still stuck.");
        assertThat(QuoteStripper.strip("Hi\n-----Original Message-----\nFrom: x\nold text\n", false)).isEqualTo("Hi");
    }

    @Test
    void forwardedTextIsKeptWithoutItsHeaders() {
        String s = QuoteStripper.strip("See below.\n\n---------- Forwarded message ---------\nFrom: Att <a@x.example>\n"
                + "Date: Mon, Jul 7\nSubject: login\nTo: me\n\nI do not know my CM/ECF password.\n", false);
        assertThat(s).contains("See below.").contains("I do not know my CM/ECF password.").doesNotContain("From:");
    }

    @Test
    void signatureAndDisclaimerAreDropped() {
        String s = QuoteStripper.strip("How do I register for PACER?\n\nThanks,\nPat Filer\nFiler & Co\n555-0100\n", false);
        assertThat(s).isEqualTo("How do I register for PACER?");
        String d = QuoteStripper.strip("Where do I log in?\n\nCONFIDENTIALITY NOTICE: This e-mail message is intended only for "
                + "the named recipient and may contain privileged information. If you are not the intended recipient, "
                + "please notify the sender and delete it.\n", false);
        assertThat(d).isEqualTo("Where do I log in?");
        assertThat(QuoteStripper.strip("question here\n-- \nPat\n", false)).isEqualTo("question here");
    }
}
