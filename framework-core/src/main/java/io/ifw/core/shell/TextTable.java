package io.ifw.core.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table, as the {@code ifw:} commands print their results: a header of column
 * names in capitals, one row per line, every column padded to its widest cell and separated by two
 * spaces; the last column is not padded. An empty or {@code null} cell is shown as {@code -}.
 *
 * <pre>
 * FEATURE                        BACKEND    KIND
 * io.ifw.vehicle.ClimateControl  simulator  simulation
 * </pre>
 */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(String... header) {
        this.header = header.clone();
    }

    /** A table with these column names (printed as given; write them in capitals). */
    public static TextTable of(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new TextTable(header);
    }

    /**
     * Adds a row; each cell is printed with {@link String#valueOf(Object)}.
     *
     * @throws IllegalArgumentException when the row does not have one cell per column
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + Arrays.toString(header) + " needs " + header.length + " cells, not "
                    + cells.length);
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cell(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** The rows added so far. */
    public int size() {
        return rows.size();
    }

    /** The table, one line per row after the header, without a trailing line break. */
    @Override
    public String toString() {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, header, widths);
        for (String[] row : rows) {
            text.append('\n');
            line(text, row, widths);
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String[] cells, int[] widths) {
        int start = text.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append("  ");
            }
            text.append(cells[i]);
            if (i < cells.length - 1) {
                text.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        // a trailing empty cell would leave spaces at the end of the line
        while (text.length() > start && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String text = String.valueOf(value).replace('\n', ' ');
        return text.isEmpty() ? "-" : text;
    }

    /**
     * A block of labelled lines, as the commands print one object: each label padded to the
     * longest, then its value ({@code -} when empty).
     *
     * <pre>
     * feature     io.ifw.vehicle.ClimateControl
     * backend     simulator (simulation)
     * </pre>
     */
    public static String block(List<String[]> labelsAndValues) {
        int width = 0;
        for (String[] pair : labelsAndValues) {
            width = Math.max(width, pair[0].length());
        }
        StringBuilder text = new StringBuilder();
        for (String[] pair : labelsAndValues) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(pair[0]).append(" ".repeat(width - pair[0].length())).append("  ").append(cell(pair[1]));
        }
        return text.toString();
    }
}
