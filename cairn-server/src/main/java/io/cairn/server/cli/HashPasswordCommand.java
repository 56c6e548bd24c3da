package io.cairn.server.cli;

import io.cairn.server.security.PasswordHash;
import io.cairn.server.security.Secrets;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cairn hash-password}: reads a password (or, with {@code --token}, a token) from the terminal or standard
 * input and prints the hash to put in the configuration; with {@code --new-token}, also makes the token.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the hash of a password for cairn.security.users.<name>.password-hash, or of a token "
                + "for cairn.security.tokens.<name>.hash. The secret is read from the terminal (not echoed) or "
                + "standard input, never from the command line."})
public final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = "--token", description = "Hash a bearer token (SHA-256) instead of a password (PBKDF2).")
    boolean token;

    @Option(names = "--new-token", description = "Generate a random token, print it and its hash.")
    boolean newToken;

    @Option(names = "--iterations", description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    int iterations = PasswordHash.DEFAULT_ITERATIONS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        if (newToken) {
            String t = Secrets.newToken(new SecureRandom());
            out.println("token: " + t);
            out.println("hash:  " + Secrets.tokenHash(t));
            out.flush();
            return ExitCode.OK;
        }
        char[] secret = read();
        if (secret == null || secret.length == 0) {
            spec.commandLine().getErr().println("cairn: no secret given");
            return ExitCode.USAGE;
        }
        if (iterations < 1_000) {
            spec.commandLine().getErr().println("cairn: --iterations must be at least 1000");
            return ExitCode.USAGE;
        }
        out.println(token ? Secrets.tokenHash(new String(secret))
                : PasswordHash.hash(secret, iterations, new SecureRandom()));
        out.flush();
        java.util.Arrays.fill(secret, '\0');
        return ExitCode.OK;
    }

    private char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword(token ? "Token: " : "Password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
