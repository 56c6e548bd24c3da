package io.cairn.server.registry;

import io.cairn.model.InstanceInfo;

/**
 * How a heartbeat ended: renewed, unknown to the registry (the sender should register), or, for a peer, older than
 * what this node holds ({@link #conflict()} carries this node's copy for the peer to adopt).
 */
public record RenewResult(Outcome outcome, InstanceInfo conflict) {

    /** The three answers a heartbeat can get. */
    public enum Outcome { RENEWED, NOT_FOUND, CONFLICT }

    static final RenewResult RENEWED = new RenewResult(Outcome.RENEWED, null);
    static final RenewResult NOT_FOUND = new RenewResult(Outcome.NOT_FOUND, null);

    static RenewResult conflict(InstanceInfo stored) {
        return new RenewResult(Outcome.CONFLICT, stored);
    }
}
