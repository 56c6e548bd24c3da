package io.cairn.model.codec;

/**
 * XStream's element-name coding ({@code XmlFriendlyNameCoder}): {@code $} is written {@code _-}, {@code _} is
 * written {@code __}, and a character that may not appear in a name is written {@code _.} plus four hex digits.
 * That is how metadata keys become element names, and XStream decodes all three forms.
 */
final class XmlNames {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private XmlNames() {
    }

    /**
     * The element name for a key, or null if none exists (the empty key). Unlike XStream, which lets {@code :}, and
     * any non-ASCII letter through, only ASCII letters, digits, {@code -} and {@code .} stay literal: a {@code :}
     * breaks namespace-aware parsers, and the coded form means the same to every XStream reader.
     */
    static String encode(String key) {
        int n = key.length();
        if (n == 0) {
            return null;
        }
        int i = 0;
        while (i < n && isLiteral(key.charAt(i), i == 0)) {
            i++;
        }
        if (i == n) {
            return key;
        }
        StringBuilder sb = new StringBuilder(n + 8).append(key, 0, i);
        for (; i < n; i++) {
            char c = key.charAt(i);
            if (c == '$') {
                sb.append("_-");
            } else if (c == '_') {
                sb.append("__");
            } else if (isLiteral(c, i == 0)) {
                sb.append(c);
            } else {
                sb.append("_.").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /** The key an element name stands for; the inverse of {@link #encode} and of XStream's coder. */
    static String decode(String name) {
        int i = name.indexOf('_');
        if (i < 0) {
            return name;
        }
        int n = name.length();
        StringBuilder sb = new StringBuilder(n).append(name, 0, i);
        while (i < n) {
            char c = name.charAt(i);
            if (c == '_' && i + 1 < n) {
                char next = name.charAt(i + 1);
                if (next == '_') {
                    sb.append('_');
                    i += 2;
                    continue;
                }
                if (next == '-') {
                    sb.append('$');
                    i += 2;
                    continue;
                }
                if (next == '.' && i + 6 <= n) {
                    int code = hex(name, i + 2);
                    if (code >= 0) {
                        sb.append((char) code);
                        i += 6;
                        continue;
                    }
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static boolean isLiteral(char c, boolean first) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return true;
        }
        return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
    }

    private static int hex(String s, int from) {
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
