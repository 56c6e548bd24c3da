package io.cairn.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row and columns padded to their widest cell, as {@code kubectl get} prints. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] r = new String[columns];
        for (int c = 0; c < columns; c++) {
            Object v = c < cells.length ? cells[c] : null;
            r[c] = v == null || v.toString().isEmpty() ? "-" : v.toString();
        }
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(r[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** How long ago an epoch-millisecond instant was, as {@code 4s}, {@code 3m}, {@code 2h} or {@code 5d}. */
    static String ago(long then, long now) {
        if (then <= 0) {
            return "never";
        }
        long s = Math.max(0, now - then) / 1000;
        if (s < 120) {
            return s + "s ago";
        }
        if (s < 7200) {
            return s / 60 + "m ago";
        }
        if (s < 172_800) {
            return s / 3600 + "h ago";
        }
        return s / 86_400 + "d ago";
    }
}
