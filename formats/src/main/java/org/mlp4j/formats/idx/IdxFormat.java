package org.mlp4j.formats.idx;

import java.nio.file.Path;
import org.mlp4j.formats.DataFormat;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.WholeFileSource;
import org.mlp4j.formats.io.FileHead;

/** IDX as a {@link DataFormat}: recognised by its magic ({@code 00 00}, a known type code, rank ≥ 1). */
public final class IdxFormat implements DataFormat {
    @Override
    public String name() {
        return "IDX";
    }

    @Override
    public boolean acceptsContent(FileHead head) {
        return head.contentLength() >= 4 && head.contentByte(0) == 0 && head.contentByte(1) == 0
                && IdxType.ofCode(head.contentByte(2)) != null && head.contentByte(3) >= 1;
    }

    @Override
    public boolean acceptsName(String baseName) {
        return baseName.endsWith("-ubyte") || baseName.endsWith(".idx") || baseName.matches(".*\\.idx\\d.*");
    }

    @Override
    public DataSource open(Path file) {
        return new WholeFileSource(file, IdxDatasets::read);
    }
}
