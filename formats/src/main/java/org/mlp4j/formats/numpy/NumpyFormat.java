package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.nio.file.Path;
import org.mlp4j.formats.DataFormat;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.io.FileHead;

/** NumPy's {@code .npy} (magic {@code \x93NUMPY}) and {@code .npz} (a zip archive of {@code .npy} entries). */
public final class NumpyFormat implements DataFormat {
    @Override
    public String name() {
        return "NumPy .npy/.npz";
    }

    @Override
    public boolean acceptsContent(FileHead head) {
        return head.contentStartsWith((byte) 0x93, (byte) 'N', (byte) 'U', (byte) 'M', (byte) 'P', (byte) 'Y')
                || head.contentStartsWith((byte) 'P', (byte) 'K', (byte) 3, (byte) 4);
    }

    @Override
    public boolean acceptsName(String baseName) {
        return baseName.endsWith(".npy") || baseName.endsWith(".npz");
    }

    @Override
    public DataSource open(Path file) throws IOException {
        return NumpySource.open(file);
    }
}
