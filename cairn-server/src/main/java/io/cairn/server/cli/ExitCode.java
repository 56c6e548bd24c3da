package io.cairn.server.cli;

/** What the {@code cairn} command's exit status means, so that scripts can branch on it. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The server answered with an error, or with something the command could not read. */
    public static final int FAILED = 1;
    /** The command line was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** The application or instance named is not registered. */
    public static final int NOT_FOUND = 3;
    /** The server could not be reached (refused, timed out, unknown host). */
    public static final int UNREACHABLE = 4;
    /** The server refused the credentials, or asked for some. */
    public static final int UNAUTHORIZED = 5;

    private ExitCode() {
    }

    /** The help text's table of exit codes. */
    public static final String FOOTER = "%nExit codes: 0 done, 1 server error, 2 usage error, 3 not found, "
            + "4 server unreachable, 5 unauthorized.%n";
}
