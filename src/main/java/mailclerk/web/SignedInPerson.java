package mailclerk.web;

import java.util.List;

/**
 * Who the identity provider says signed in, read from a validated ID token.
 *
 * @param subject       the provider's stable id of the person ({@code sub})
 * @param email         the e-mail address ({@code email}, else an address-like {@code preferred_username}, Entra
 *                      ID's UPN), lower case; null when the token names none
 * @param groups        the {@code groups} claim (ids or names); empty when it is missing
 * @param groupsOverage the provider left the groups out because there are too many (Entra ID's {@code _claim_names})
 */
public record SignedInPerson(String subject, String email, List<String> groups, boolean groupsOverage) {
}
