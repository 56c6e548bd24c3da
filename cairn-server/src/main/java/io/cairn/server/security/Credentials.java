package io.cairn.server.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of users (PBKDF2 password hashes, or secrets from Cairn's own settings held only as digests) and
 * bearer tokens (SHA-256 digests), each with its roles.
 */
public final class Credentials {
    /** A user for HTTP basic: a PBKDF2 hash, or (for secrets given in clear in the configuration) a SHA-256 digest. */
    record User(String name, PasswordHash hash, byte[] plainDigest, Set<Role> roles) {
    }

    /** A bearer token, held as its SHA-256 digest. */
    record Token(String name, byte[] digest, Set<Role> roles) {
    }

    /** No users and no tokens. */
    public static final Credentials NONE = new Credentials(Map.of(), List.of());

    private final Map<String, User> users;
    private final List<Token> tokens;

    private Credentials(Map<String, User> users, List<Token> tokens) {
        this.users = Map.copyOf(users);
        this.tokens = List.copyOf(tokens);
    }

    Map<String, User> users() {
        return users;
    }

    List<Token> tokens() {
        return tokens;
    }

    public boolean isEmpty() {
        return users.isEmpty() && tokens.isEmpty();
    }

    /** Whether some user or token has {@code role}. */
    public boolean grants(Role role) {
        return users.values().stream().anyMatch(u -> u.roles().contains(role))
                || tokens.stream().anyMatch(t -> t.roles().contains(role));
    }

    /** This set and {@code other}; on a name clash, {@code other}'s entry wins. */
    public Credentials with(Credentials other) {
        Map<String, User> u = new LinkedHashMap<>(users);
        u.putAll(other.users);
        Map<String, Token> t = new LinkedHashMap<>();
        tokens.forEach(x -> t.put(x.name(), x));
        other.tokens.forEach(x -> t.put(x.name(), x));
        return new Credentials(u, new ArrayList<>(t.values()));
    }

    /** A user whose password is given in clear (Cairn's own settings, peer URLs); only its digest is kept. */
    public static Credentials plainUser(String name, String password, Set<Role> roles) {
        return new Credentials(Map.of(name, new User(name, null, Secrets.sha256(password), roles)), List.of());
    }

    /** A token given in clear; only its digest is kept. */
    public static Credentials plainToken(String name, String token, Set<Role> roles) {
        return new Credentials(Map.of(), List.of(new Token(name, Secrets.sha256(token), roles)));
    }

    /**
     * Reads entries of the form {@code [cairn.security.]users.<name>.password-hash}, {@code users.<name>.roles},
     * {@code tokens.<name>.hash} and {@code tokens.<name>.roles}, spelled with dots (YAML, properties) or
     * underscores (environment variables).
     *
     * @param errors receives one message per bad entry, naming the key but never the value
     */
    public static Credentials parse(Map<String, String> entries, String where, List<String> errors) {
        Map<String, String[]> userParts = new LinkedHashMap<>();
        Map<String, String[]> tokenParts = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            String[] k = split(key);
            if (k == null) {
                errors.add(key + " (" + where + "): expected users.<name>.password-hash|roles or "
                        + "tokens.<name>.hash|roles");
                return;
            }
            boolean user = k[0].equals("users");
            String[] parts = (user ? userParts : tokenParts).computeIfAbsent(k[1], n -> new String[2]);
            parts[k[2].equals("roles") ? 1 : 0] = value == null ? "" : value;
        });
        Map<String, User> users = new LinkedHashMap<>();
        List<Token> tokens = new ArrayList<>();
        userParts.forEach((name, p) -> {
            try {
                if (p[0] == null) {
                    throw new IllegalArgumentException("password-hash missing");
                }
                users.put(name, new User(name, PasswordHash.parse(p[0]), null, roles(p[1])));
            } catch (IllegalArgumentException e) {
                errors.add("user " + name + " (" + where + "): " + e.getMessage());
            }
        });
        tokenParts.forEach((name, p) -> {
            try {
                if (p[0] == null) {
                    throw new IllegalArgumentException("hash missing");
                }
                tokens.add(new Token(name, Secrets.parseTokenHash(p[0]), roles(p[1])));
            } catch (IllegalArgumentException e) {
                errors.add("token " + name + " (" + where + "): " + e.getMessage());
            }
        });
        return new Credentials(users, tokens);
    }

    private static Set<Role> roles(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("roles missing (reader, client, admin, peer)");
        }
        Set<Role> roles = Role.parseList(list);
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles;
    }

    /** {kind, name, attribute} of a key, or null. */
    static String[] split(String key) {
        String rest = key.trim();
        String lower = rest.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("cairn.security.", "cairn_security_")) {
            if (lower.startsWith(prefix)) {
                rest = rest.substring(prefix.length());
                lower = lower.substring(prefix.length());
            }
        }
        String kind;
        if (lower.startsWith("users.") || lower.startsWith("users_")) {
            kind = "users";
        } else if (lower.startsWith("tokens.") || lower.startsWith("tokens_")) {
            kind = "tokens";
        } else {
            return null;
        }
        rest = rest.substring(kind.length() + 1);
        lower = lower.substring(kind.length() + 1);
        List<String> attributes = kind.equals("users")
                ? List.of("password-hash", "password_hash", "roles") : List.of("hash", "roles");
        for (String a : attributes) {
            for (char sep : new char[] {'.', '_'}) {
                String suffix = sep + a;
                if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                    String name = rest.substring(0, rest.length() - suffix.length());
                    return new String[] {kind, name, a.equals("roles") ? "roles" : "hash"};
                }
            }
        }
        return null;
    }
}
