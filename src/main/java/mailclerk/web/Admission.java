package mailclerk.web;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a person the identity provider signed in may use the console, and as what. The provider only says who
 * someone is; who may work the queue is the court's list of groups and addresses, read at every sign-in, so a clerk
 * removed from the group is refused at the next one. Nobody is registered by signing in.
 */
public final class Admission {
    /** The longest address kept as a console name (the journal's clerk columns hold 200 characters). */
    static final int MAX_EMAIL = 150;

    /** The answer: a role, or why not with what would fix it. */
    public record Verdict(Role role, String refusal, String fix) {
        public boolean allowed() {
            return role != null;
        }
    }

    private final OidcSettings.People people;

    public Admission(OidcSettings.People people) {
        this.people = people;
    }

    public Verdict of(SignedInPerson p) {
        if (p.email() == null || p.email().isBlank()) {
            return refused("the identity provider did not say your e-mail address",
                    "Administrators: request the email scope (console.oidc.scopes) and, in Entra ID, add the optional "
                            + "claim email or use accounts with a UPN that is an address.");
        }
        if (p.email().length() > MAX_EMAIL) {
            return refused("your e-mail address is longer than the console keeps", "Use an account with a shorter address.");
        }
        String email = p.email().toLowerCase(Locale.ROOT);
        boolean admin = people.admins().contains(email) || p.groups().stream().anyMatch(people.adminGroups()::contains);
        if (admin) return new Verdict(Role.ADMIN, null, null);
        boolean clerk = people.clerks().contains(email) || p.groups().stream().anyMatch(people.clerkGroups()::contains);
        if (clerk) return new Verdict(Role.CLERK, null, null);
        if (p.groupsOverage() && !(people.clerkGroups().isEmpty() && people.adminGroups().isEmpty())) {
            return refused("your account is in so many groups that the identity provider left them out of the sign-in",
                    "Administrators: in Entra ID, set the app's groups claim to \"Groups assigned to the application\" "
                            + "and assign the clerks' and administrators' groups to it, or list this address in "
                            + "console.oidc.clerks / console.oidc.admins.");
        }
        return refused("you signed in as " + email + ", but that account is not one of the court's clerks or administrators "
                + "for this console", "Ask the court's IT to add you to the clerks' group; until then nothing here is open to you.");
    }

    private static Verdict refused(String why, String fix) {
        return new Verdict(null, why, fix);
    }

    /** The e-mail of a token's claims: {@code email}, else an address-like {@code preferred_username}. */
    static Optional<String> emailOf(String email, Boolean verified, String preferredUsername) {
        if (email != null && !email.isBlank()) {
            // an address the provider says is not verified names nobody: no falling back to another claim
            return Boolean.FALSE.equals(verified) ? Optional.empty() : ascii(email);
        }
        if (preferredUsername != null && preferredUsername.contains("@")) return ascii(preferredUsername);
        return Optional.empty();
    }

    /** Only plain ASCII addresses are compared with the lists: lower-casing "\u212Aate" would give "kate". */
    private static Optional<String> ascii(String address) {
        String a = address.strip();
        if (!a.chars().allMatch(c -> c > 32 && c < 127)) return Optional.empty();
        return Optional.of(a.toLowerCase(Locale.ROOT));
    }
}
