package io.cairn.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test certificates made with the JDK's keytool: a CA, and PKCS#12 key stores holding CA-signed certificates. */
final class Certificates {
    static final String PASSWORD = "changeit";
    private final Path dir;

    Certificates(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Cairn Test CA", "-ext", "bc:c", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-keystore", file("ca.p12"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-file", file("ca.pem"));
    }

    /** The CA's certificate, PEM. */
    Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A PKCS#12 key store {@code name}.p12 whose certificate (for 127.0.0.1 and localhost) the CA signed. */
    Path signed(String name, String commonName) throws IOException, InterruptedException {
        String store = file(name + ".p12");
        Files.deleteIfExists(Path.of(store));
        keytool("-genkeypair", "-alias", "node", "-dname", "CN=" + commonName, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", "node", "-keystore", store, "-file", file(name + ".csr"));
        keytool("-gencert", "-alias", "ca", "-keystore", file("ca.p12"), "-infile", file(name + ".csr"),
                "-outfile", file(name + ".crt"), "-rfc", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store);
        keytool("-importcert", "-alias", "node", "-file", file(name + ".crt"), "-keystore", store);
        return Path.of(store);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
