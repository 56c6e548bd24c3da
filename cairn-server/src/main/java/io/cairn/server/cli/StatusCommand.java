package io.cairn.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn status APP ID OUT_OF_SERVICE|UP}: takes an instance out of service or puts it back. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Takes an instance out of service (OUT_OF_SERVICE) or puts it back (UP), with Eureka's "
                + "status override.",
        footer = ExitCode.FOOTER)
public final class StatusCommand extends RemoteCommand {
    /** The overrides an operator sets by hand. */
    enum Target { OUT_OF_SERVICE, UP }

    @Parameters(index = "0", paramLabel = "APP", description = "The application name.")
    String app;

    @Parameters(index = "1", paramLabel = "ID", description = "The instance id.")
    String id;

    @Parameters(index = "2", paramLabel = "STATUS", description = "OUT_OF_SERVICE or UP.")
    Target status;

    @Override
    void run(RegistryClient client) {
        client.write("PUT", "apps/" + RegistryClient.segment(app) + "/" + RegistryClient.segment(id)
                + "/status?value=" + status.name(), "no instance " + id + " in application " + app);
        if (remote.json) {
            printJson(false, g -> {
                g.writeStartObject();
                g.writeStringField("app", app);
                g.writeStringField("instanceId", id);
                g.writeStringField("status", status.name());
                g.writeEndObject();
            });
        } else {
            out().println(app + "/" + id + " is now " + status.name());
            out().flush();
        }
    }
}
