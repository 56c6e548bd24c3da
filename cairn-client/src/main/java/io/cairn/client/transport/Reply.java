package io.cairn.client.transport;

import java.util.OptionalLong;

/**
 * A server's answer as the client keeps it: status, body (already gunzipped), and Cairn's registry index header.
 *
 * @param endpoint   the server that answered
 * @param status     the HTTP status
 * @param body       the body, never null
 * @param cairnIndex {@code X-Cairn-Index}, present only on Cairn servers
 */
public record Reply(ServiceEndpoint endpoint, int status, byte[] body, OptionalLong cairnIndex) {

    /** True for a 2xx status. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
