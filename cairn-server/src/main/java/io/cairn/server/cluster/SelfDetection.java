package io.cairn.server.cluster;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Recognises this node's own URL in the peer list: the configured {@code my-url} if there is one, else any URL whose
 * port is this node's and whose host is one of this machine's addresses. Unlike Eureka, which compares host names
 * only, several nodes on one machine (different ports) are told apart.
 */
final class SelfDetection {
    private final String myUrl;
    private final int myPort;

    SelfDetection(String myUrl, int myPort) {
        this.myUrl = myUrl == null ? "" : myUrl;
        this.myPort = myPort;
    }

    boolean isMe(String url) {
        if (!myUrl.isEmpty()) {
            return PeerAddress.of(myUrl, "").base().equalsIgnoreCase(PeerAddress.of(url, "").base());
        }
        try {
            URI u = PeerAddress.of(url, "").uri();
            int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            if (port != myPort || u.getHost() == null) {
                return false;
            }
            InetAddress address = InetAddress.getByName(u.getHost());
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IllegalArgumentException | UnknownHostException | SocketException e) {
            return false;
        }
    }
}
