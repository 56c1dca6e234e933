package org.bighead.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.bundle.Json;

/** Reads rows one at a time, so one bad row is reported and the rest are still scored. */
abstract class RowReader {

    /** Receives each row, or an error message for a row that could not be read; false stops reading. */
    interface RowSink {
        boolean accept(Map<String, Object> row, String error) throws IOException;
    }

    abstract void forEach(RowSink sink) throws IOException;

    /** One JSON object per line; blank lines are skipped. */
    static RowReader jsonLines(BufferedReader in) {
        return new RowReader() {
            @Override
            void forEach(RowSink sink) throws IOException {
                String line;
                int number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) continue;
                    JsonNode node;
                    try {
                        node = Json.MAPPER.readTree(line);
                    } catch (JsonProcessingException e) {
                        if (!sink.accept(null, "line " + number + ": not valid JSON (" + e.getOriginalMessage() + ")"))
                            return;
                        continue;
                    }
                    if (!node.isObject()) {
                        if (!sink.accept(null, "line " + number + ": expected a JSON object of column values")) return;
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    node.properties().forEach(e -> row.put(e.getKey(), value(e.getValue())));
                    if (!sink.accept(row, null)) return;
                }
            }
        };
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) return null;
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.doubleValue();
        if (v.isNumber()) return v.doubleValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual()) return v.textValue();
        return v.toString(); // an object or array: the pipeline reports it as a wrong type for the column
    }

    /** CSV with a header row; empty fields are missing. */
    static RowReader csv(BufferedReader in) {
        return new RowReader() {
            @Override
            void forEach(RowSink sink) throws IOException {
                CsvParserSettings settings = new CsvParserSettings();
                settings.setHeaderExtractionEnabled(true);
                settings.setLineSeparatorDetectionEnabled(true);
                settings.setMaxCharsPerColumn(1 << 20);
                CsvParser parser = new CsvParser(settings);
                parser.beginParsing(in);
                String[] header = null;
                String[] record;
                int number = 1;
                while ((record = parser.parseNext()) != null) {
                    number++;
                    if (header == null) header = parser.getContext().headers();
                    if (record.length > header.length) {
                        if (!sink.accept(
                                null, "line " + number + ": " + record.length + " fields, header has " + header.length))
                            break;
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.length; i++) {
                        row.put(header[i], i < record.length ? record[i] : null);
                    }
                    if (!sink.accept(row, null)) break;
                }
                parser.stopParsing();
            }
        };
    }
}
