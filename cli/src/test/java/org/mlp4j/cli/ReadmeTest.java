package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example is {@code example/LibraryExample.java} word for word, and it runs. */
class ReadmeTest {
    static final Path README = Path.of("../README.md");
    static final Path EXAMPLE = Path.of("src/test/java/example/LibraryExample.java");

    @Test
    void theReadmeShowsTheCompiledExampleVerbatim() throws Exception {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("## Use it as a library.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a ```java block under '## Use it as a library'");
        String source = Files.readString(EXAMPLE).replaceFirst("package example;\\n\\n", "");
        assertEquals(source.strip(), m.group(1).strip());
    }

    @Test
    void theExampleRuns(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            example.LibraryExample.main(new String[] {dir.resolve("m.json").toString()});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Double.parseDouble(m.group(1)) > 0.95, text);
        assertTrue(Files.exists(dir.resolve("m.json")));
    }
}
