package io.cairn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.model.InstanceInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn watch [APP]}: prints every registry change as it happens, one line each, through Cairn's watch API
 * (long polls that resume from the last index seen, so that nothing is missed between two polls).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Prints registry changes as they happen (registrations, status changes, cancellations), "
                + "one per line; --json prints one JSON object per line.",
        footer = ExitCode.FOOTER)
public final class WatchCommand extends RemoteCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this application's changes.")
    String app;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0",
            description = "Exit (with 0) after N changes; 0, the default, watches until interrupted.")
    int maxEvents;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long the server may hold each poll (default 30).")
    int waitSeconds;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    void run(RegistryClient client) {
        if (maxEvents < 0 || waitSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--max-events must be 0 or more and --wait at least 1");
        }
        String filter = app == null || app.isBlank() ? "" : "&app=" + RegistryClient.segment(app);
        JsonNode doc = read(client.poll("watch?wait=0s" + filter, Duration.ZERO));
        long index = doc.path("index").asLong();
        String epoch = doc.path("epoch").asText();
        err().println("watching " + (filter.isEmpty() ? "every application" : app) + " on " + client.serviceUrl()
                + ": " + doc.path("events").size() + " instance(s) at index " + index);
        err().flush();
        int seen = 0;
        while (maxEvents == 0 || seen < maxEvents) {
            doc = read(client.poll("watch?index=" + index + "&epoch=" + RegistryClient.segment(epoch) + "&wait="
                    + waitSeconds + "s" + filter, Duration.ofSeconds(waitSeconds)));
            index = doc.path("index").asLong(index);
            epoch = doc.path("epoch").asText(epoch);
            if (doc.path("reset").asBoolean()) {
                err().println("registry reset (the server restarted, or this watch fell behind): "
                        + doc.path("events").size() + " instance(s) at index " + index);
                err().flush();
                continue;
            }
            for (JsonNode event : doc.path("events")) {
                print(event);
                if (++seen == maxEvents) {
                    break;
                }
            }
        }
    }

    private void print(JsonNode event) {
        InstanceInfo i = readable(() -> codec.readInstance(
                ("{\"instance\":" + event.path("instance") + "}").getBytes(StandardCharsets.UTF_8)));
        long index = event.path("index").asLong();
        String action = event.path("action").asText();
        if (remote.json) {
            printJson(false, g -> {
                g.writeStartObject();
                g.writeNumberField("index", index);
                g.writeStringField("action", action);
                g.writeFieldName("instance");
                InstanceJson.write(g, i);
                g.writeEndObject();
            });
            return;
        }
        PrintWriter out = out();
        out.println(String.format("%s  %-8s  %-14s  %s/%s  %s", LocalTime.now().format(TIME), action, i.status(),
                i.app(), i.id(), InstanceJson.address(i)));
        out.flush();
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode doc = mapper.readTree(body);
            if (doc == null || !doc.has("index") || !doc.path("events").isArray()) {
                throw new CliException(ExitCode.FAILED, "the server's watch answer is not what Cairn sends");
            }
            return doc;
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "the server's watch answer is not JSON: " + e.getMessage());
        }
    }
}
