package org.mlp4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.csv.CsvFormat;
import org.mlp4j.formats.csv.CsvReader;

/**
 * The names of a regression model's outputs: its {@code --target-columns} as the CSV header spells them (an index or
 * {@code last} becomes the header's name). Recorded in the model file's {@code targets}, so that {@code predict}
 * prints values under them and finds (and drops) those columns in a file without being told again.
 */
final class TargetNames {
    private TargetNames() {
    }

    /** The names for {@code request}'s target columns of {@code spec}; null when it names none. */
    static List<String> resolve(String spec, ReadOptions request) throws IOException {
        List<String> columns = request.targetColumns();
        if (columns.isEmpty()) {
            return null;
        }
        List<String> header = header(spec);
        List<String> names = new ArrayList<>();
        for (String c : columns) {
            names.add(header == null ? c.strip() : nameIn(header, c.strip()));
        }
        return names;
    }

    /**
     * {@code request}, or for a model with target names and a CSV whose header holds all of them (and no label or
     * target columns asked for), the same request with those target columns — the columns a training file had.
     */
    static ReadOptions forModel(List<String> targets, String spec, ReadOptions request) throws IOException {
        if (targets == null || !request.targetColumns().isEmpty() || request.labelColumn() != null) {
            return request;
        }
        List<String> header = header(spec);
        if (header == null) {
            return request;
        }
        for (String t : targets) {
            if (indexIn(header, t) < 0) {
                return request;
            }
        }
        return request.withTargetColumns(targets);
    }

    private static List<String> header(String spec) throws IOException {
        Path file = Paths.get(spec);
        if (!Files.isRegularFile(file) || !(DataReaders.detect(file) instanceof CsvFormat)) {
            return null;
        }
        return CsvReader.header(file, ReadOptions.defaults());
    }

    private static String nameIn(List<String> header, String spec) {
        if (spec.equalsIgnoreCase("last")) {
            return header.get(header.size() - 1).strip();
        }
        if (spec.matches("[+-]?\\d{1,9}")) {
            int i = Integer.parseInt(spec);
            int c = i < 0 ? header.size() + i : i;
            return c >= 0 && c < header.size() ? header.get(c).strip() : spec;
        }
        int c = indexIn(header, spec);
        return c >= 0 ? header.get(c).strip() : spec;
    }

    private static int indexIn(List<String> header, String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(n)) {
                return i;
            }
        }
        return -1;
    }
}
