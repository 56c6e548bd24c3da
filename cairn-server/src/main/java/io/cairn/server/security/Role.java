package io.cairn.server.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a principal may do: read, act as a registering client, administer, or replicate as a peer. */
public enum Role {
    /** Reads and watches. */
    READER,
    /** Register, renew, cancel, status and metadata of its own instances. */
    CLIENT,
    /** Anything on any instance, dashboard actions, configuration views. */
    ADMIN,
    /** Replication between registry nodes. */
    PEER;

    /** Parses a comma-separated list of role names, ignoring case; throws {@link IllegalArgumentException}. */
    public static Set<Role> parseList(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : list.split(",")) {
            String name = r.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + name + "' (expected reader, client, admin or peer)");
            }
        }
        return roles;
    }
}
