package io.cairn.model.codec;

import io.cairn.model.ActionType;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceStatus;

import java.util.Locale;
import java.util.Map;

/** Conversions from wire text to model values shared by the JSON and XML readers, with their rejection messages. */
final class WireValues {

    /** Longer values are cut in messages: a 400 body should not echo a megabyte of garbage back. */
    private static final int MAX_QUOTED = 64;

    private static final DataCenterInfo NETFLIX = new DataCenterInfo("Netflix", Map.of());

    private WireValues() {
    }

    static InstanceStatus status(String field, String text) {
        return InstanceStatus.parse(text).orElseThrow(() -> invalid(field, text));
    }

    static ActionType actionType(String text) {
        switch (text) {
            case "ADDED": return ActionType.ADDED;
            case "MODIFIED": return ActionType.MODIFIED;
            case "DELETED": return ActionType.DELETED;
            default: throw invalid("actionType", text);
        }
    }

    static long parseLong(String field, String text) {
        String s = text.trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw invalid(field, text);
        }
    }

    static int parseInt(String field, String text) {
        String s = text.trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalid(field, text);
        }
    }

    static int toInt(String field, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(field, Long.toString(value));
        }
        return (int) value;
    }

    static boolean parseBoolean(String field, String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(field, text);
    }

    /** The legacy reader upper-cases app and appGroupName so that lookups are case-insensitive. */
    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * A data center from its wire name; only Eureka's three names exist ({@code DataCenterInfo.Name}), and only
     * Amazon carries metadata.
     */
    static DataCenterInfo dataCenter(String name, Map<String, String> amazonMetadata) {
        if (name == null) {
            throw new CodecException("dataCenterInfo without name");
        }
        switch (name) {
            case "MyOwn": return DataCenterInfo.MY_OWN;
            case "Netflix": return NETFLIX;
            case "Amazon": return new DataCenterInfo("Amazon", amazonMetadata);
            default: throw invalid("dataCenterInfo name", name);
        }
    }

    static CodecException invalid(String field, String value) {
        return new CodecException("invalid " + field + " " + quote(value));
    }

    static String quote(String value) {
        if (value.length() > MAX_QUOTED) {
            return "'" + value.substring(0, MAX_QUOTED) + "...'";
        }
        return "'" + value + "'";
    }
}
