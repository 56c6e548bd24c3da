package io.cairn.server.cache;

/**
 * Names one cached registry payload.
 *
 * @param kind    which document
 * @param name    the VIP for {@link Kind#VIP} and {@link Kind#SVIP}, else empty
 * @param json    JSON (true) or XML
 * @param compact Eureka's compact ("mini") JSON variant
 * @param v1      XML for {@code /v1/} paths, with statuses downgraded
 * @param regions the remote regions included (lower case, sorted), empty for the local registry only
 */
public record PayloadKey(Kind kind, String name, boolean json, boolean compact, boolean v1, java.util.List<String> regions) {

    public PayloadKey {
        regions = java.util.List.copyOf(regions);
    }

    /** The cached documents. */
    public enum Kind { FULL, DELTA, VIP, SVIP }
}
