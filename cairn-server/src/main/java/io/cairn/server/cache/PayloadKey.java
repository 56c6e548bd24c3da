package io.cairn.server.cache;

/**
 * Names one cached registry payload.
 *
 * @param kind    which document
 * @param name    the VIP for {@link Kind#VIP} and {@link Kind#SVIP}, else empty
 * @param json    JSON (true) or XML
 * @param compact Eureka's compact ("mini") JSON variant
 * @param v1      XML for {@code /v1/} paths, with statuses downgraded
 */
public record PayloadKey(Kind kind, String name, boolean json, boolean compact, boolean v1) {

    /** The cached documents. */
    public enum Kind { FULL, DELTA, VIP, SVIP }
}
