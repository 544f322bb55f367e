package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A job's manifest, CSV or JSONL: one row per item with {@code image} (a name or an id of the caller's), and
 * optionally {@code sku}, {@code customId}, {@code prompt}, {@code outputName} and parameter overrides (CSV columns
 * {@code param.<name>}, a JSONL {@code params} object). Every row is checked before anything runs and every problem
 * is reported at once, naming the row (the CSV header is row 1, so data starts at row 2; JSONL lines count from 1)
 * and the column: {@code row 17, image: no image named "sku-104-front.jpg"}. Cells a spreadsheet would run as a
 * formula are refused, never evaluated.
 */
public final class Manifests {
    public static final int MAX_BYTES = 5 << 20;
    public static final int MAX_ROWS = 10_000;
    static final Set<String> COLUMNS = Set.of("image", "sku", "customId", "prompt", "outputName");
    private static final int MAX_ERRORS = 100;

    private Manifests() {}

    /** One checked row: the image's id, and what the row sets (null when it does not). */
    public record Row(
            int row,
            String imageId,
            String sku,
            String customId,
            String prompt,
            String outputName,
            Map<String, Object> params,
            Map<String, String> vars) {
        public Row(
                int row,
                String imageId,
                String sku,
                String customId,
                String prompt,
                String outputName,
                Map<String, Object> params) {
            this(row, imageId, sku, customId, prompt, outputName, params, Map.of());
        }
    }

    public enum Format {
        CSV,
        JSONL
    }

    /**
     * @param imageByName the caller's image id for a name or id (empty when there is none of the caller's: another
     *                    user's id reads as unknown)
     * @throws InvalidRequestException with one error per bad cell, named {@code row N, column}
     */
    public static List<Row> parse(String text, Format format, Function<String, Optional<String>> imageByName) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)
            throw new InvalidRequestException(
                    "manifest",
                    "the manifest is larger than " + (MAX_BYTES >> 20) + " MiB; split it into several jobs");
        Read read = read(text, format);
        List<Map<String, Object>> cells = read.cells();
        List<Integer> rowNumbers = read.rowNumbers();
        List<FieldError> errors = new ArrayList<>(read.errors());
        if (!errors.isEmpty()) throw new InvalidRequestException("The manifest cannot be read.", errors);
        if (cells.isEmpty()) throw new InvalidRequestException("manifest", "the manifest has no rows");
        if (cells.size() > MAX_ROWS)
            throw new InvalidRequestException(
                    "manifest", "the manifest has " + cells.size() + " rows; at most " + MAX_ROWS + " per job");
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < cells.size() && errors.size() < MAX_ERRORS; i++) {
            Map<String, Object> cell = cells.get(i);
            String at = "row " + rowNumbers.get(i);
            for (var entry : cell.entrySet())
                if (entry.getValue() instanceof String value && looksLikeFormula(value))
                    errors.add(new FieldError(
                            at + ", " + entry.getKey(),
                            "starts with " + value.charAt(0) + " like a spreadsheet formula; remove it"));
            String image = (String) cell.get("image");
            String imageId = null;
            if (image == null || image.isBlank())
                errors.add(new FieldError(at + ", image", "an image name or id is required"));
            else {
                imageId = imageByName.apply(image.strip()).orElse(null);
                if (imageId == null)
                    errors.add(new FieldError(
                            at + ", image", "no image named \"" + FileNames.display(image.strip()) + "\""));
            }
            String key = Json.write(new java.util.TreeMap<>(cell));
            Integer earlier = seen.putIfAbsent(key, rowNumbers.get(i));
            if (earlier != null) errors.add(new FieldError(at, "repeats row " + earlier));
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) cell.getOrDefault("params", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, String> vars = (Map<String, String>) cell.getOrDefault("vars", Map.of());
            rows.add(new Row(
                    rowNumbers.get(i),
                    imageId,
                    (String) cell.get("sku"),
                    (String) cell.get("customId"),
                    (String) cell.get("prompt"),
                    (String) cell.get("outputName"),
                    params,
                    vars));
        }
        if (!errors.isEmpty())
            throw new InvalidRequestException(
                    errors.size() + " problems in the manifest; nothing was started.", errors);
        return rows;
    }

    /**
     * A manifest as read, before its images are looked up: each readable row's cells (named by column; {@code params}
     * and {@code vars} as maps) with its row number, the problems of its structure (the header, a row's cell count, a
     * JSONL line that is not an object), and how many data rows it has, readable or not.
     */
    public record Read(
            List<Map<String, Object>> cells, List<Integer> rowNumbers, List<FieldError> errors, int rowCount) {}

    public static Read read(String text, Format format) {
        List<Map<String, Object>> cells = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int rowCount = format == Format.CSV
                ? readCsv(text, cells, rowNumbers, errors)
                : readJsonl(text, cells, rowNumbers, errors);
        return new Read(cells, rowNumbers, errors, rowCount);
    }

    private static boolean looksLikeFormula(String text) {
        return !text.isEmpty() && "=+@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    /** @return the number of data rows */
    private static int readCsv(
            String text, List<Map<String, Object>> cells, List<Integer> rowNumbers, List<FieldError> errors) {
        List<List<String>> rows;
        try {
            rows = CsvReader.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("manifest", e.getMessage()));
            return 0;
        }
        if (rows.isEmpty()) return 0;
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            if (!COLUMNS.contains(column) && !column.startsWith("param.") && !column.startsWith("var."))
                errors.add(new FieldError(
                        "row 1, column " + (c + 1),
                        "unknown column \"" + FileNames.display(column)
                                + "\"; use image, sku, customId, prompt, outputName, param.<name> or var.<name>"));
            if (header.indexOf(column) != c)
                errors.add(new FieldError("row 1, column " + (c + 1), "\"" + column + "\" appears twice"));
        }
        if (!header.contains("image")) errors.add(new FieldError("row 1", "the image column is missing"));
        if (!errors.isEmpty() || rows.size() - 1 > MAX_ROWS) {
            for (int r = 1; r < rows.size(); r++) {
                cells.add(Map.of());
                rowNumbers.add(r + 1);
            }
            return rows.size() - 1;
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                errors.add(new FieldError(
                        "row " + (r + 1), "has " + row.size() + " cells; the header has " + header.size()));
                continue;
            }
            Map<String, Object> cell = new LinkedHashMap<>();
            Map<String, Object> params = new LinkedHashMap<>();
            Map<String, String> vars = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (row.get(c).isEmpty()) continue;
                if (header.get(c).startsWith("param.")) params.put(header.get(c).substring(6), csvValue(row.get(c)));
                else if (header.get(c).startsWith("var."))
                    vars.put(header.get(c).substring(4), row.get(c));
                else cell.put(header.get(c), row.get(c));
            }
            if (!params.isEmpty()) cell.put("params", params);
            if (!vars.isEmpty()) cell.put("vars", vars);
            cells.add(cell);
            rowNumbers.add(r + 1);
        }
        return rows.size() - 1;
    }

    /** A CSV cell is text; a plain number or true/false is taken as that, as the parameter's type will want. */
    private static Object csvValue(String text) {
        if (text.matches("-?[0-9]{1,15}")) return Long.parseLong(text);
        if (text.matches("-?[0-9]+\\.[0-9]+")) return Double.parseDouble(text);
        if (text.equals("true") || text.equals("false")) return Boolean.parseBoolean(text);
        return text;
    }

    /** @return the number of lines that are not blank */
    private static int readJsonl(
            String text, List<Map<String, Object>> cells, List<Integer> rowNumbers, List<FieldError> errors) {
        String[] lines = text.split("\r?\n", -1);
        int rowCount = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            rowCount++;
            if (errors.size() >= MAX_ERRORS) continue;
            String at = "row " + (i + 1);
            JsonNode node;
            try {
                node = Json.tree(lines[i]);
            } catch (Exception e) {
                errors.add(new FieldError(at, "is not a JSON object"));
                continue;
            }
            if (!node.isObject()) {
                errors.add(new FieldError(at, "is not a JSON object"));
                continue;
            }
            Map<String, Object> cell = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                String name = field.getKey();
                if (name.equals("params")) {
                    if (field.getValue().isObject())
                        cell.put("params", Json.MAPPER.convertValue(field.getValue(), Map.class));
                    else errors.add(new FieldError(at + ", params", "must be an object"));
                } else if (name.equals("vars")) {
                    Map<String, String> vars = new LinkedHashMap<>();
                    if (field.getValue().isObject())
                        field.getValue().fields().forEachRemaining(v -> {
                            if (v.getValue().isTextual())
                                vars.put(v.getKey(), v.getValue().asText());
                            else
                                errors.add(new FieldError(
                                        at + ", vars." + FileNames.display(v.getKey()), "must be a string"));
                        });
                    else errors.add(new FieldError(at + ", vars", "must be an object of template variables"));
                    cell.put("vars", vars);
                } else if (!COLUMNS.contains(name)) {
                    errors.add(new FieldError(
                            at + ", " + FileNames.display(name),
                            "unknown field; use image, sku, customId, prompt, outputName, params or vars"));
                } else if (!field.getValue().isTextual()) {
                    errors.add(new FieldError(at + ", " + name, "must be a string"));
                } else {
                    cell.put(name, field.getValue().asText());
                }
            });
            cells.add(cell);
            rowNumbers.add(i + 1);
        }
        return rowCount;
    }
}
