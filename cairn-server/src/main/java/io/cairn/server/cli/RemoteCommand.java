package io.cairn.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.model.codec.CodecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every client command shares: the server options, the HTTP client, output streams and JSON writing. */
public abstract class RemoteCommand implements Callable<Integer> {
    @Mixin
    RemoteOptions remote;

    @Spec
    CommandSpec spec;

    final EurekaJsonCodec codec = new EurekaJsonCodec();

    /** Runs the command; failures are thrown as {@link CliException}. */
    abstract void run(RegistryClient client);

    @Override
    public final Integer call() {
        run(new RegistryClient(remote));
        return ExitCode.OK;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Writes one JSON document to standard output, pretty or on one line, followed by a newline. */
    void printJson(boolean pretty, JsonBody body) {
        PrintWriter out = out();
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    /** Turns an unreadable answer into the "server error" exit code rather than a stack trace. */
    static <T> T readable(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (CodecException | IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, "the server's answer is not what a Eureka server sends: "
                    + e.getMessage());
        }
    }

    /** Writes a JSON document. */
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }
}
