package io.cairn.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a {@link CairnConfig} from, in rising precedence: Eureka's defaults, a YAML or properties file, environment
 * variables, system properties, and command-line settings. Accepts Eureka's property names so an existing Eureka
 * configuration starts Cairn; keys in Cairn's own namespace that mean nothing, and malformed values, are errors.
 */
public final class ConfigLoader {

    /** A loaded configuration and the warnings worth logging about what was ignored. */
    public record Result(CairnConfig config, List<String> warnings) {
    }

    private static final Map<String, Setting> BY_NAME = new HashMap<>();

    static {
        for (Setting s : Setting.values()) {
            for (String name : s.names()) {
                BY_NAME.put(Setting.normalize(name), s);
            }
        }
    }

    private ConfigLoader() {
    }

    /**
     * Loads a configuration.
     *
     * @param file        a {@code .yml}, {@code .yaml} or {@code .properties} file, or null for none
     * @param environment environment variables (only {@code CAIRN_*}, {@code EUREKA_*} and {@code SERVER_*} are read)
     * @param properties  system properties (only {@code cairn.*}, {@code eureka.*} and {@code server.*} are read)
     * @param commandLine settings given on the command line, highest precedence
     */
    public static Result load(Path file, Map<String, String> environment, Map<String, String> properties,
                              Map<String, String> commandLine) throws ConfigException {
        CairnConfig.Builder builder = CairnConfig.builder();
        Map<Setting, Object> values = builder.values();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (file != null) {
                apply(readFile(file), "file " + file, builder, warnings, errors, true);
        }
        apply(filter(environment, true), "environment", builder, warnings, errors, false);
        apply(filter(properties, false), "system properties", builder, warnings, errors, true);
        apply(commandLine, "command line", builder, warnings, errors, true);
        // Each user and token is checked whole (hash and roles), once every source has been read.
        io.cairn.server.security.Credentials.parse(builder.securityEntriesMutable(), "configuration", errors);
        if (!errors.isEmpty()) {
            throw new ConfigException("invalid configuration:\n  " + String.join("\n  ", errors));
        }
        try {
            return new Result(builder.build(), List.copyOf(warnings));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration:\n  " + e.getMessage());
        }
    }

    private static final String ZONE_URL_PREFIX = "eurekaclientserviceurl";
    private static final String AVAILABILITY_ZONES_PREFIX = "eurekaclientavailabilityzones";
    private static final String REMOTE_REGION_URL_PREFIX = "eurekaserverremoteregionurlswithname";
    private static final String WHITELIST_PREFIX = "eurekaserverremoteregionappwhitelist";
    private static final String USERS_PREFIX = "cairnsecurityusers";
    private static final String TOKENS_PREFIX = "cairnsecuritytokens";

    private static void apply(Map<String, String> source, String where, CairnConfig.Builder builder,
                              List<String> warnings, List<String> errors, boolean strictCairnKeys) {
        Map<Setting, Object> values = builder.values();
        for (Map.Entry<String, String> e : source.entrySet()) {
            String key = e.getKey();
            String normalized = Setting.normalize(key);
            Setting setting = BY_NAME.get(normalized);
            String value = e.getValue() == null ? "" : e.getValue();
            if (setting == null && normalized.startsWith(ZONE_URL_PREFIX) && lastSegment(key) != null) {
                builder.zoneUrlsMutable().put(lastSegment(key), value);
                continue;
            }
            if (setting == null && normalized.startsWith(REMOTE_REGION_URL_PREFIX) && lastSegment(key) != null) {
                builder.remoteRegionUrlsMutable().put(lastSegment(key), value);
                continue;
            }
            if (setting == null && normalized.startsWith(WHITELIST_PREFIX) && lastSegment(key) != null) {
                builder.remoteRegionWhitelistsMutable().put(lastSegment(key), value);
                continue;
            }
            if (setting == null && (normalized.startsWith(USERS_PREFIX) || normalized.startsWith(TOKENS_PREFIX))) {
                List<String> problems = new ArrayList<>();
                io.cairn.server.security.Credentials.parse(Map.of(key, value), where, problems);
                if (problems.stream().anyMatch(p -> p.contains("expected users."))) {
                    errors.addAll(problems);
                } else {
                    builder.securityEntriesMutable().put(key, value);
                }
                continue;
            }
            if (setting == null && normalized.startsWith(AVAILABILITY_ZONES_PREFIX) && lastSegment(key) != null) {
                builder.availabilityZonesMutable().put(lastSegment(key), value);
                continue;
            }
            if (setting == null) {
                String lower = key.toLowerCase(Locale.ROOT);
                if (lower.startsWith("cairn") && strictCairnKeys) {
                    errors.add(key + " (" + where + "): unknown Cairn setting");
                } else if (lower.startsWith("eureka")) {
                    warnings.add(key + " (" + where + "): Eureka setting with no meaning in Cairn, ignored");
                } else {
                    warnings.add(key + " (" + where + "): not a Cairn setting, ignored");
                }
                continue;
            }
            try {
                values.put(setting, setting.parse(e.getValue() == null ? "" : e.getValue()));
            } catch (IllegalArgumentException ex) {
                errors.add(key + "=" + e.getValue() + " (" + where + "): " + ex.getMessage());
            }
        }
    }

    /** The zone or region a dynamic key ends with: {@code eureka.client.service-url.zone-a} gives zone-a. */
    private static String lastSegment(String key) {
        int dot = key.lastIndexOf('.');
        int underscore = key.lastIndexOf('_');
        int at = Math.max(dot, underscore);
        return at < 0 || at == key.length() - 1 ? null : key.substring(at + 1);
    }

    private static Map<String, String> filter(Map<String, String> source, boolean environment) {
        Map<String, String> out = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            boolean ours = environment
                    ? lower.startsWith("cairn_") || lower.startsWith("eureka_") || lower.equals("server_port")
                    || lower.equals("server_address")
                    : lower.startsWith("cairn.") || lower.startsWith("eureka.") || lower.equals("server.port")
                    || lower.equals("server.address");
            if (ours) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The flat key/value entries of a YAML or properties file (used for the credentials file too). */
    public static Map<String, String> readFile(Path file) throws ConfigException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".properties")) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, String> out = new LinkedHashMap<>();
                p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
                return out;
            }
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                Map<String, String> out = new LinkedHashMap<>();
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        throw new ConfigException("configuration file " + file + ": expected a mapping at the top");
                    }
                    flatten("", root, out);
                }
                return out;
            }
            throw new ConfigException("configuration file " + file + ": expected a .yml, .yaml or .properties file");
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot be read";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
