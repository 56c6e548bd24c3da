package io.cairn.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cairn server}: runs a node, exactly as {@code cairn} with no command does. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a Cairn node: a Eureka-compatible service registry (default http://0.0.0.0:8761/eureka/, "
                + "dashboard at http://0.0.0.0:8761/).")
public final class ServerCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return NodeLauncher.run(node, spec.commandLine().getErr());
    }
}
