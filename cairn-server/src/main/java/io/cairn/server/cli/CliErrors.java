package io.cairn.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's reason on one line (no stack trace) and exits with the code the failure carries. */
public final class CliErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof CliException c) {
            cmd.getErr().println("cairn: " + c.getMessage());
            cmd.getErr().flush();
            return c.exitCode();
        }
        cmd.getErr().println("cairn: unexpected failure: " + e);
        cmd.getErr().flush();
        return ExitCode.FAILED;
    }
}
