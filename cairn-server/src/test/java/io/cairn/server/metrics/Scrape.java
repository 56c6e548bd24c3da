package io.cairn.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** One scrape of {@code /metrics} in Prometheus text format: sample values by series ({@code name{labels}}). */
final class Scrape {
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final String text;

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The value of one series, e.g. {@code cairn_instances{status="UP"}}; NaN when absent. */
    double value(String series) {
        return samples.getOrDefault(series, Double.NaN);
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    /** Whether any series of this metric name exists. */
    boolean hasMetric(String name) {
        return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }

    String text() {
        return text;
    }
}
