package io.cairn.client;

/**
 * Told about every change of an application's instances: one added, removed, or changed in status, address, ports,
 * metadata or URLs (lease renewals do not count). Calls come one at a time, in the order the changes were seen, on
 * the client's event thread; a listener should return quickly and must not block. Exceptions are logged and
 * otherwise ignored.
 */
@FunctionalInterface
public interface RegistryListener {

    /** One application's instances changed. */
    void onChange(ApplicationChange change);
}
