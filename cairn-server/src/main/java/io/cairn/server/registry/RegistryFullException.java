package io.cairn.server.registry;

/** A registration refused because the registry, or its application, holds as many instances as it may. */
public final class RegistryFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryFullException(String message) {
        super(message, null, false, false);
    }
}
