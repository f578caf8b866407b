package org.mlp4j.formats.pickle;

import java.nio.file.Path;
import org.mlp4j.formats.DataFormat;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.io.FileHead;

/**
 * Python pickles of NumPy arrays and plain containers ({@code .pkl}, {@code .pickle}, gzip or not), read by the
 * allow-list {@link Unpickler}: protocol 2+ pickles are recognised by their PROTO opcode, older ones by name.
 */
public final class PickleFormat implements DataFormat {
    @Override
    public String name() {
        return "pickle";
    }

    @Override
    public boolean acceptsContent(FileHead head) {
        // PROTO (0x80) then a protocol number 2..5
        return head.contentLength() >= 2 && head.contentByte(0) == 0x80 && head.contentByte(1) >= 2 && head.contentByte(1) <= 5;
    }

    @Override
    public boolean acceptsName(String baseName) {
        return baseName.endsWith(".pkl") || baseName.endsWith(".pickle");
    }

    @Override
    public DataSource open(Path file) {
        return new PickleSource(file);
    }
}
