package io.cairn.server.cli;

import io.cairn.model.InstanceStatus;
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
        String path = "apps/" + RegistryClient.segment(app) + "/" + RegistryClient.segment(id);
        String notFound = "no instance " + id + " in application " + app;
        client.write("PUT", path + "/status?value=" + status.name(), notFound);
        // What the server says now, not what was asked: an instance reporting DOWN stays DOWN under an UP override.
        byte[] body = client.get(path, notFound);
        io.cairn.model.InstanceInfo now = readable(() -> codec.readInstance(body));
        if (remote.json) {
            printJson(false, g -> InstanceJson.write(g, now));
        } else {
            out().println(now.app() + "/" + now.id() + " is now " + now.status()
                    + (now.status() == InstanceStatus.valueOf(status.name()) ? "" : " (override " + status + ")"));
            out().flush();
        }
    }
}
