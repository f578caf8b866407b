package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example is {@code example/LibraryExample.java} word for word, and it runs as a user would run it. */
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

    /**
     * The example compiles and runs on the class path a library user has — the engine, formats and datasets jars
     * (or their classes in a reactor build) and jackson, which mlp4j-formats depends on — not on the CLI's fat jar
     * or test class path, which also hold picocli and the CLI. Run in its own JVM.
     */
    @Test
    void theExampleRunsOnALibraryUsersClassPath(@TempDir Path dir) throws Exception {
        List<String> userClassPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            // a reactor build puts the modules' target/ on the class path; a build against ~/.m2, their jars
            if (e.matches(".*/(engine|formats|datasets)/target/.*") || e.matches(".*/mlp4j-(engine|formats|datasets)-[^/]*\\.jar")
                    || e.matches(".*/jackson-(databind|core|annotations)-[^/]*\\.jar")) {
                userClassPath.add(entry);
            }
        }
        assertEquals(6, userClassPath.size(), "engine, formats, datasets and three jackson jars: " + userClassPath);
        String cp = String.join(File.pathSeparator, userClassPath);

        Path classes = Files.createDirectory(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-cp", cp, "-d", classes.toString(), EXAMPLE.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                classes + File.pathSeparator + cp, "example.LibraryExample", dir.resolve("m.json").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finishes");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Double.parseDouble(m.group(1)) > 0.95, text);
        assertTrue(Files.exists(dir.resolve("m.json")));
    }
}
