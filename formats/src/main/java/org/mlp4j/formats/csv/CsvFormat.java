package org.mlp4j.formats.csv;

import java.nio.file.Path;
import org.mlp4j.formats.DataFormat;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.WholeFileSource;
import org.mlp4j.formats.io.FileHead;

/**
 * CSV as a {@link DataFormat}: recognised by a {@code .csv} (or {@code .csv.gz}) name, or by content that is
 * printable text whose first line holds a comma.
 */
public final class CsvFormat implements DataFormat {
    @Override
    public String name() {
        return "CSV";
    }

    @Override
    public boolean acceptsContent(FileHead head) {
        boolean comma = false;
        int n = head.contentLength();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int b = head.contentByte(i);
            if (b == '\n') {
                return comma;
            }
            if (b == ',') {
                comma = true;
            } else if (b < 0x20 && b != '\t' && b != '\r') {
                return false; // control bytes: binary, not text
            }
        }
        return comma;
    }

    @Override
    public boolean acceptsName(String baseName) {
        return baseName.endsWith(".csv");
    }

    @Override
    public DataSource open(Path file) {
        return new WholeFileSource(file, CsvReader::read);
    }
}
