package mailclerk.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mailclerk.config.ConfigException;

/**
 * Console accounts from {@code console.users}: comma-separated {@code name:role:bcrypt-hash} entries (make a hash
 * with {@code mailclerk hash-password}). No password is ever stored or logged in clear.
 */
public final class Accounts {
    public record Account(String name, Role role, String hash) {
    }

    /** Checked when the name is unknown, so that a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(12, "no such account".toCharArray());
    private final Map<String, Account> byName;

    private Accounts(Map<String, Account> byName) {
        this.byName = byName;
    }

    public static Accounts parse(String spec) {
        Map<String, Account> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return new Accounts(out);
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            String[] f = e.split(":", 3);
            if (f.length != 3 || !f[2].startsWith("$2")) {
                throw new ConfigException("console.users: each entry is name:role:bcrypt-hash (see `mailclerk hash-password`)");
            }
            Role role;
            try {
                role = Role.valueOf(f[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException("console.users: role of " + f[0] + " must be clerk or admin");
            }
            out.put(f[0].strip().toLowerCase(Locale.ROOT), new Account(f[0].strip(), role, f[2].strip()));
        }
        return new Accounts(out);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /**
     * What a session opened for this account is bound to: a digest of its name, role and password hash. Removing the
     * account, changing its role or its password changes (or removes) the stamp, and the session ends.
     */
    public Optional<String> stamp(String name) {
        Account a = name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT));
        if (a == null) return Optional.empty();
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest((a.name().toLowerCase(Locale.ROOT) + "\n"
                    + a.role() + "\n" + a.hash()).getBytes(StandardCharsets.UTF_8));
            return Optional.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Account> verify(String name, String password) {
        Account a = name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT));
        char[] pw = password == null ? new char[0] : password.toCharArray();
        // bcrypt reads at most 72 bytes and its library refuses more: a longer password is simply a wrong one
        if (new String(pw).getBytes(StandardCharsets.UTF_8).length > 72) {
            BCrypt.verifyer().verify(new char[0], (a == null ? DUMMY_HASH : a.hash()).getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        }
        boolean ok = BCrypt.verifyer().verify(pw, (a == null ? DUMMY_HASH : a.hash()).getBytes(StandardCharsets.UTF_8)).verified;
        return ok && a != null ? Optional.of(a) : Optional.empty();
    }

    public static String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(12, password);
    }
}
