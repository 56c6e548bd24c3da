package io.cairn.model;

/**
 * The lease terms an instance asks for and, on output, the server's record of its lease.
 * Timestamps are epoch milliseconds, 0 when not set.
 */
public record LeaseInfo(
        int renewalIntervalInSecs,
        int durationInSecs,
        long registrationTimestamp,
        long lastRenewalTimestamp,
        long evictionTimestamp,
        long serviceUpTimestamp) {

    /** Eureka's default renewal interval, in seconds. */
    public static final int DEFAULT_RENEWAL_INTERVAL_SECS = 30;
    /** Eureka's default lease duration, in seconds. */
    public static final int DEFAULT_DURATION_SECS = 90;

    /** The default terms (30 s renewals, 90 s duration) with no timestamps. */
    public static final LeaseInfo DEFAULT = new LeaseInfo(DEFAULT_RENEWAL_INTERVAL_SECS, DEFAULT_DURATION_SECS, 0, 0, 0, 0);
}
