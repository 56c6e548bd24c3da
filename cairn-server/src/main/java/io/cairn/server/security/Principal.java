package io.cairn.server.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who sent a request: a configured user or token with its roles, or nobody ({@link #ANONYMOUS}).
 *
 * @param name  the user or token name, used for ownership and in logs (never a secret)
 * @param roles the roles granted
 */
public record Principal(String name, Set<Role> roles) {
    /** A request without credentials. */
    public static final Principal ANONYMOUS = new Principal("", Set.of());

    public Principal {
        // An enum set: role checks run on every request.
        roles = java.util.Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
    }

    public boolean authenticated() {
        return !name.isEmpty();
    }

    /**
     * Whether this principal may act with {@code role}: admin includes client and reader, client and peer include
     * reader.
     */
    public boolean has(Role role) {
        if (roles.contains(role)) {
            return true;
        }
        return switch (role) {
            case READER -> !roles.isEmpty();
            case CLIENT -> roles.contains(Role.ADMIN);
            case ADMIN, PEER -> false;
        };
    }

    /** Whether replication headers from this principal are honoured. */
    public boolean isPeer() {
        return roles.contains(Role.PEER);
    }

    @Override
    public String toString() {
        return authenticated() ? name + roles : "anonymous";
    }
}
