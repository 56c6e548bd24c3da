package io.cairn.model;

import java.util.Optional;

/** The status an instance reports or an operator imposes, exactly as Eureka names them on the wire. */
public enum InstanceStatus {
    UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN;

    /** Parses an exact upper-case status name; anything else (including lower case) is empty. */
    public static Optional<InstanceStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        switch (value) {
            case "UP": return Optional.of(UP);
            case "DOWN": return Optional.of(DOWN);
            case "STARTING": return Optional.of(STARTING);
            case "OUT_OF_SERVICE": return Optional.of(OUT_OF_SERVICE);
            case "UNKNOWN": return Optional.of(UNKNOWN);
            default: return Optional.empty();
        }
    }
}
