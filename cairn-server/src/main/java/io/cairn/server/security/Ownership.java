package io.cairn.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which authenticated client registered each instance, so that a client acts only on its own instances. Admins and
 * peers act on any; an instance registered anonymously (or learnt from a peer) has no owner here. Owners are kept
 * per node, not replicated.
 */
public final class Ownership {
    /** Why an action on an instance is refused: 401 for anonymous callers, 403 for another client. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /**
     * Throws {@link Refused} unless {@code who} may act on the instance.
     *
     * @param exists whether the instance is registered now (an owner left behind no longer counts), asked only when
     *               the instance has an owner
     */
    public void check(Principal who, String app, String id, java.util.function.BooleanSupplier exists) {
        // Looked at in the order of cost: with clients open (the default), nobody owns anything.
        if (owners.isEmpty() || who.has(Role.ADMIN) || who.isPeer()) {
            return;
        }
        String owner = owners.get(key(app, id));
        if (owner == null || owner.equals(who.name()) || !exists.getAsBoolean()) {
            return;
        }
        throw who.authenticated()
                ? new Refused(403, "instance " + id + " belongs to another client")
                : new Refused(401, "instance " + id + " was registered with credentials; send them");
    }

    /** Records {@code who} as the owner of an instance it registered (no effect for anonymous, admins and peers). */
    public void claim(Principal who, String app, String id) {
        if (who.authenticated() && !who.has(Role.ADMIN) && !who.isPeer()) {
            owners.put(key(app, id), who.name());
        } else if (!who.isPeer()) {
            owners.remove(key(app, id));
        }
    }

    public void release(String app, String id) {
        owners.remove(key(app, id));
    }

    private static String key(String app, String id) {
        return app.toUpperCase(java.util.Locale.ROOT) + "/" + id;
    }
}
