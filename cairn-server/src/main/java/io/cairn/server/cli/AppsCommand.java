package io.cairn.server.cli;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;

/** {@code cairn apps}: every registered application with its instance count by status. */
@Command(name = "apps", mixinStandardHelpOptions = true, description = "Lists the registered applications.",
        footer = ExitCode.FOOTER)
public final class AppsCommand extends RemoteCommand {

    @Override
    void run(RegistryClient client) {
        byte[] body = client.get("apps", "no Eureka API at " + client.serviceUrl() + " (check --url)");
        Applications apps = readable(() -> codec.readApplications(body));
        if (remote.json) {
            printJson(true, g -> {
                g.writeStartArray();
                for (Application a : apps.applications()) {
                    g.writeStartObject();
                    g.writeStringField("app", a.name());
                    g.writeNumberField("instances", a.instances().size());
                    g.writeObjectFieldStart("byStatus");
                    for (Map.Entry<InstanceStatus, Integer> e : countByStatus(a).entrySet()) {
                        g.writeNumberField(e.getKey().name(), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
            return;
        }
        if (apps.applications().isEmpty()) {
            out().println("No applications registered.");
            out().flush();
            return;
        }
        Table t = new Table("APP", "INSTANCES", "UP", "STATUSES");
        for (Application a : apps.applications()) {
            Map<InstanceStatus, Integer> counts = countByStatus(a);
            StringJoiner statuses = new StringJoiner(", ");
            counts.forEach((s, n) -> statuses.add(n + " " + s.name()));
            t.row(a.name(), a.instances().size(), counts.getOrDefault(InstanceStatus.UP, 0), statuses);
        }
        t.print(out());
    }

    private static Map<InstanceStatus, Integer> countByStatus(Application a) {
        Map<InstanceStatus, Integer> counts = new EnumMap<>(InstanceStatus.class);
        for (InstanceInfo i : a.instances()) {
            counts.merge(i.status(), 1, Integer::sum);
        }
        return counts;
    }
}
