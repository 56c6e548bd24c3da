package io.cairn.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn deregister APP ID}: removes an instance, as its own shutdown would. */
@Command(name = "deregister", mixinStandardHelpOptions = true,
        description = "Removes an instance from the registry (a running instance registers again with its next "
                + "heartbeat).",
        footer = ExitCode.FOOTER)
public final class DeregisterCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The application name.")
    String app;

    @Parameters(index = "1", paramLabel = "ID", description = "The instance id.")
    String id;

    @Override
    void run(RegistryClient client) {
        client.write("DELETE", "apps/" + RegistryClient.segment(app) + "/" + RegistryClient.segment(id),
                "no instance " + id + " in application " + app);
        if (remote.json) {
            printJson(false, g -> {
                g.writeStartObject();
                g.writeStringField("app", app);
                g.writeStringField("instanceId", id);
                g.writeBooleanField("deregistered", true);
                g.writeEndObject();
            });
        } else {
            out().println(app + "/" + id + " deregistered");
            out().flush();
        }
    }
}
