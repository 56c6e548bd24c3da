package io.cairn.server.cli;

import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn instances APP}: the instances of one application. */
@Command(name = "instances", mixinStandardHelpOptions = true, description = "Lists the instances of an application.",
        footer = ExitCode.FOOTER)
public final class InstancesCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The application name (case does not matter).")
    String app;

    @Override
    void run(RegistryClient client) {
        byte[] body = client.get("apps/" + RegistryClient.segment(app), "no application " + app + " is registered");
        Application a = readable(() -> codec.readApplication(body));
        List<InstanceInfo> instances = a.instances().stream().sorted(Comparator.comparing(InstanceInfo::id)).toList();
        if (remote.json) {
            printJson(true, g -> {
                g.writeStartArray();
                for (InstanceInfo i : instances) {
                    InstanceJson.write(g, i);
                }
                g.writeEndArray();
            });
            return;
        }
        long now = System.currentTimeMillis();
        Table t = new Table("INSTANCE ID", "ADDRESS", "STATUS", "OVERRIDE", "ZONE", "LAST RENEWAL");
        for (InstanceInfo i : instances) {
            t.row(i.id(), InstanceJson.address(i), i.status(),
                    i.overriddenStatus() == InstanceStatus.UNKNOWN ? null : i.overriddenStatus(), InstanceJson.zone(i),
                    i.leaseInfo() == null ? null : Table.ago(i.leaseInfo().lastRenewalTimestamp(), now));
        }
        t.print(out());
    }
}
