package io.cairn.server;

import io.cairn.server.cli.CliErrors;
import io.cairn.server.cli.NodeLauncher;
import io.cairn.server.cli.NodeOptions;
import io.cairn.server.ops.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cairn} command. With no command (or {@code server}) it runs a node:
 * {@code java -jar cairn-server.jar [--port N] [--config FILE] [-Dkey=value]}; its other commands talk to a running
 * node: {@code apps}, {@code instances}, {@code status}, {@code deregister} and {@code watch}.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Cairn, a Eureka-compatible service registry.",
                "With no command, runs a node (default http://0.0.0.0:8761/eureka/, dashboard at /); "
                        + "the commands below talk to a running node named by --url."},
        subcommands = {
            io.cairn.server.cli.ServerCommand.class,
            io.cairn.server.cli.AppsCommand.class,
            io.cairn.server.cli.InstancesCommand.class,
            io.cairn.server.cli.StatusCommand.class,
            io.cairn.server.cli.DeregisterCommand.class,
            io.cairn.server.cli.WatchCommand.class,
            io.cairn.server.cli.HashPasswordCommand.class
        },
        footer = io.cairn.server.cli.ExitCode.FOOTER)
public final class Main implements Callable<Integer> {

    @Mixin
    private NodeOptions node;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
        // Always exit explicitly: a client command must not wait for the HTTP client's threads to wind down.
        System.exit(commandLine().execute(args));
    }

    /** The command line with every command and Cairn's exit codes, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new CliErrors());
    }

    @Override
    public Integer call() throws InterruptedException {
        return NodeLauncher.run(node, spec.commandLine().getErr());
    }

    /** Reports the version the jar was built as. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Cairn " + Version.current()};
        }
    }
}
