package mailclerk.respond.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests to undo, change or act on an account go to a clerk (issue 9). The FAQ explains how filers do things
 * themselves; it never undoes a link or changes who owns an account, and a bag of words cannot tell "undo the link"
 * from "link" (a wrong reply seen on independent mail). Only request sentences are read, so "we removed the old
 * card last year" as background does not trigger it.
 */
public final class AccountActionRule implements FlagRule {
    /** Verbs that undo or take away: never what an FAQ answer does. */
    private static final Pattern UNDO = Pattern.compile(
            "\\b(?:undo|undone|unlink|unlinked|unlinking|un-link|de-?link|delink|disconnect|detach|sever"
                    // "separate" as a verb with its object ("separate my account from the firm's"), never the adjective
                    // of "do we need separate accounts?"
                    + "|separate (?:my|our|his|her|their|the|it|them|this|these|those)\\b[^.?!\\n]{0,40}?\\bfrom"
                    // or asked for as an act: "can you separate our accounts?", "we need to separate them"
                    + "|(?:please|can you|could you|would you|will you|how (?:do|can|would) (?:i|we)|need to|want to|like to"
                    + "|help (?:me|us)) separate (?:my|our|his|her|their|the|it|them|these|those)\\b"
                    + "|break the link|remove|removed|removing|delete|deleted|deleting|deactivate|disable|terminate"
                    + "|close (?:out )?(?:his|her|my|our|the|their) (?:account|login)|cancel (?:his|her|my|our|the|their)"
                    + "|transfer|merge|combine|reverse|revoke|take (?:him|her|them|it) off)\\b");
    /** Changing who or what an account belongs to. */
    private static final Pattern CHANGE = Pattern.compile(
            "\\b(?:change|changing|update|updating|switch|switching|move|moving|rename|replace)\\b[^.?!\\n]{0,40}?"
                    + "\\b(?:account|accounts|login|email|e-mail|address|name|firm|owner|admin|administrator|link)\\b");
    /** Adding someone to an account or giving access: the account's owner acts, not an FAQ answer. */
    private static final Pattern ADD = Pattern.compile(
            "\\b(?:add|adding|added)\\b[^.?!\\n]{0,40}?\\b(?:to|on|onto|under)\\b[^.?!\\n]{0,30}?\\b(?:account|accounts|login)\\b"
                    + "|\\b(?:give|giving|grant|granting)\\b[^.?!\\n]{0,30}?\\baccess\\b");

    /**
     * Asking the court itself to do something to an account. Not "reset": the FAQ answers that one (the court
     * resets a CM/ECF password; PACER resets a PACER password), so the template is the right reply.
     */
    private static final Pattern ACT_FOR_ME = Pattern.compile(
            "\\b(?:(?:can|could|would|will) (?:you|someone|somebody|the court|the clerk|your office|the help desk)"
                    + "|please|pls)\\s++(?:please\\s++)?(?:go ahead and\\s++)?"
                    + "(?:link|reactivate|activate|add|give|grant|restore|re-?enable|enable|approve)\\b");

    @Override
    public String id() {
        return "account-action";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        for (String r : text.requests()) {
            String s = r.toLowerCase(Locale.ROOT).replace("\u2019", "'");
            if (UNDO.matcher(s).find()) return Optional.of("asks to undo or remove something on an account");
            if (CHANGE.matcher(s).find()) return Optional.of("asks to change an account");
            if (ADD.matcher(s).find()) return Optional.of("asks to add someone to an account");
            if (ACT_FOR_ME.matcher(s).find()) return Optional.of("asks the court to act on an account");
        }
        return Optional.empty();
    }
}
