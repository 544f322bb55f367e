package io.atelier.core;

import java.util.List;

/** RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
final class Csv {
    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(',');
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    /**
     * One field. Text a spreadsheet would run as a formula (a user's file name "=HYPERLINK(…)") gets a leading
     * apostrophe, as OWASP advises for CSV files that people open in Excel.
     */
    static String field(Object value) {
        if (value == null) return "";
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) text = "'" + text;
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
