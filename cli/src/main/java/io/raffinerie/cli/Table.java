package io.raffinerie.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table as kubectl prints one: upper-case headers, columns two spaces apart, no trailing blanks. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        rows.add(headers);
    }

    public Table row(Object... values) {
        rows.add(Arrays.stream(values).map(v -> v == null ? "" : v.toString()).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    public String render() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns && i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String value = i < row.length ? row[i] : "";
                line.append(value);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - value.codePointCount(0, value.length()) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
