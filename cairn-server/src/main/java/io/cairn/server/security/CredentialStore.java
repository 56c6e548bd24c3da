package io.cairn.server.security;

import io.cairn.server.cluster.PeerAddress;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.ConfigException;
import io.cairn.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The credentials in force: users and tokens from the configuration, {@code cairn.admin.*} as an admin user and token,
 * the user info of the configured peer URLs and {@code cairn.cluster.peer-token} as peers, and the credentials file,
 * which {@link #reload()} re-reads when it changes so that tokens can be rotated without a restart.
 */
public final class CredentialStore implements Supplier<Credentials> {
    private static final System.Logger LOG = System.getLogger(CredentialStore.class.getName());

    private final Credentials fixed;
    private final Path file;
    private volatile Credentials peers;
    private List<String> peerUrls;
    private volatile Credentials fromFile = Credentials.NONE;
    private volatile Credentials current;
    private volatile String fileStamp = "";

    public CredentialStore(CairnConfig config) {
        List<String> errors = new ArrayList<>();
        Credentials c = Credentials.parse(config.security().entries(), "configuration", errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        CairnConfig.Admin admin = config.admin();
        if (!admin.password().isEmpty()) {
            c = c.with(Credentials.plainUser(admin.username(), admin.password(), EnumSet.of(Role.ADMIN)));
        }
        if (!admin.token().isEmpty()) {
            c = c.with(Credentials.plainToken("admin", admin.token(), EnumSet.of(Role.ADMIN)));
        }
        if (!config.security().peerToken().isEmpty()) {
            c = c.with(Credentials.plainToken("peer", config.security().peerToken(), EnumSet.of(Role.PEER)));
        }
        this.fixed = c;
        this.peerUrls = List.copyOf(config.cluster().peerUrls());
        this.peers = peerUsers(peerUrls);
        this.current = c.with(peers);
        String f = config.security().credentialsFile();
        this.file = f.isBlank() ? null : Path.of(f.trim());
        if (file != null && !reload()) {
            throw new IllegalArgumentException("credentials file " + file + " cannot be used (see the log)");
        }
    }

    /**
     * The user info of the peer URLs as peer credentials: every node of a cluster is given the same peer URLs, so
     * the credentials in them are the peers' own. Called again whenever the peer list is re-read, so that a peer
     * added to the configuration is trusted without a restart.
     */
    public synchronized void usePeerUrls(List<String> urls) {
        if (urls.equals(peerUrls)) {
            return;
        }
        peerUrls = List.copyOf(urls);
        peers = peerUsers(urls);
        current = fixed.with(peers).with(fromFile);
    }

    private static Credentials peerUsers(List<String> urls) {
        Credentials c = Credentials.NONE;
        for (String url : urls) {
            PeerAddress a = PeerAddress.of(url, "");
            if (!a.user().isEmpty() && !a.password().isEmpty()) {
                c = c.with(Credentials.plainUser(a.user(), a.password(), EnumSet.of(Role.PEER)));
            }
        }
        return c;
    }

    @Override
    public Credentials get() {
        return current;
    }

    /**
     * Re-reads the credentials file if it changed since it was last read. A file that cannot be read or holds a
     * bad entry is reported and the credentials in force are kept.
     *
     * @return false if the file could not be used
     */
    public synchronized boolean reload() {
        if (file == null) {
            return true;
        }
        String stamp;
        try {
            stamp = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "credentials file {0} cannot be read: {1}", file, e.toString());
            return false;
        }
        if (stamp.equals(fileStamp)) {
            return true;
        }
        List<String> errors = new ArrayList<>();
        Credentials loaded;
        try {
            loaded = Credentials.parse(ConfigLoader.readFile(file), "file " + file, errors);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            loaded = null;
        }
        if (!errors.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "credentials file {0} not used, keeping the credentials in force: {1}",
                    file, String.join("; ", errors));
            return false;
        }
        boolean first = fileStamp.isEmpty();
        fileStamp = stamp;
        fromFile = loaded;
        current = fixed.with(peers).with(loaded);
        LOG.log(System.Logger.Level.INFO, "credentials file {0} {1}: {2} user(s), {3} token(s)", file,
                first ? "read" : "re-read", loaded.users().size(), loaded.tokens().size());
        return true;
    }
}
