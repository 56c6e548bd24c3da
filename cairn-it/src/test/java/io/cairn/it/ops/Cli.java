package io.cairn.it.ops;

import io.cairn.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code cairn} command in the test's JVM, as a shell would, and keeps what it printed. */
final class Cli {
    /** What one run of the command left behind. */
    record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
