// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV encoding: a header row of field names and one row of values, RFC 4180 quoting. A field with several
 * values repeats its column; an empty cell is no value. Scores have no place in CSV and are not written.
 */
public final class CsvSidecarCodec {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvSidecarCodec() {
    }

    private record Cell(String text, int line, int column) {
    }

    /**
     * Parses a CSV sidecar.
     *
     * @param file the sidecar, for messages
     * @param text its text, already decoded
     * @return the tree
     * @throws SidecarException if the CSV is malformed, ragged, has no value row or more than one
     */
    public static MetadataValues parse(Path file, String text) {
        List<List<Cell>> rows = new ArrayList<>();
        try (CsvParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new SidecarException(file, 1, 1, "no header row", null);
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.START_ARRAY) {
                List<Cell> row = new ArrayList<>();
                while ((token = p.nextToken()) == JsonToken.VALUE_STRING) {
                    JsonLocation at = p.currentTokenLocation();
                    row.add(new Cell(p.getText(), at.getLineNr(), Math.max(1, at.getColumnNr())));
                }
                if (token != JsonToken.END_ARRAY) {
                    JsonLocation at = p.currentTokenLocation();
                    throw new SidecarException(file, at.getLineNr(), at.getColumnNr(), "malformed CSV", null);
                }
                rows.add(row);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SidecarException(file, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                    "malformed CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SidecarException(file, -1, -1, "cannot be read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new SidecarException(file, 1, 1, "no header row", null);
        }
        List<Cell> header = rows.get(0);
        if (rows.size() < 2) {
            int line = header.isEmpty() ? 1 : header.get(header.size() - 1).line() + 1;
            throw new SidecarException(file, line, 1, "no row of values after the header row", null);
        }
        if (rows.size() > 2) {
            List<Cell> third = rows.get(2);
            Cell first = third.isEmpty() ? new Cell("", -1, -1) : third.get(0);
            throw new SidecarException(file, first.line(), first.column(),
                    "more than one row of values; a CSV sidecar holds one header row and one row of values", null);
        }
        for (Cell name : header) {
            if (name.text().isEmpty()) {
                throw new SidecarException(file, name.line(), name.column(), "an empty field name in the header",
                        null);
            }
        }
        List<Cell> values = rows.get(1);
        if (header.isEmpty() || values.isEmpty()) {
            throw new SidecarException(file, 1, 1, "an empty header row or row of values", null);
        }
        if (values.size() != header.size()) {
            Cell at = values.size() > header.size() ? values.get(header.size()) : values.get(values.size() - 1);
            throw new SidecarException(file, at.line(), at.column(), "ragged CSV: the header has " + header.size()
                    + " columns, the row of values " + values.size(), null);
        }
        MetadataValues.Builder builder = MetadataValues.builder();
        for (int i = 0; i < header.size(); i++) {
            String field = header.get(i).text();
            builder.field(field);
            String value = values.get(i).text();
            if (!value.isEmpty()) {
                builder.add(field, value);
            }
        }
        return builder.build();
    }

    /**
     * Encodes a tree as a CSV sidecar. Scores are left out; a field with no values is written as one empty cell.
     *
     * @param values the tree
     * @return the text, lines ended by CRLF as RFC 4180 says
     */
    public static String write(MetadataValues values) {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (Map.Entry<String, List<FieldValue>> field : values.fields().entrySet()) {
            List<String> cells = new ArrayList<>();
            field.getValue().forEach(v -> cells.add(v.value()));
            if (cells.isEmpty()) {
                cells.add("");
            }
            for (String cell : cells) {
                if (header.length() > 0) {
                    header.append(',');
                    row.append(',');
                }
                quote(field.getKey(), header);
                quote(cell, row);
            }
        }
        return header.append("\r\n").append(row).append("\r\n").toString();
    }

    private static void quote(String cell, StringBuilder out) {
        // An empty cell is quoted so that a one-column row of no value is not a blank line.
        boolean needs = cell.isEmpty() || cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
                || Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1))
                || cell.charAt(0) == '#';
        if (!needs) {
            out.append(cell);
            return;
        }
        out.append('"');
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
