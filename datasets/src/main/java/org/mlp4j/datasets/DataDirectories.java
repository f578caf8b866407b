package org.mlp4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where named datasets are looked for, in order: {@code $MLP4J_DATA/<name>}, {@code ~/.mlp4j/datasets/<name>},
 * then {@code /usr/share/datasets/<name>} (where Debian's {@code dataset-fashion-mnist} installs the real files).
 * Downloads go to the first of the first two that can be created.
 */
public final class DataDirectories {
    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment, for {@code MLP4J_DATA}
     * @param home the user's home directory, for {@code ~/.mlp4j/datasets}
     */
    public DataDirectories(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** The search path of this process's environment. */
    public static DataDirectories fromEnvironment() {
        return new DataDirectories(System.getenv(), Paths.get(System.getProperty("user.home")));
    }

    /** The directories searched for {@code name}, in order. */
    public List<Path> candidates(String name) {
        List<Path> dirs = new ArrayList<>();
        String data = env.get("MLP4J_DATA");
        if (data != null && !data.isBlank()) {
            dirs.add(Paths.get(data).resolve(name));
        }
        dirs.add(home.resolve(".mlp4j").resolve("datasets").resolve(name));
        dirs.add(Paths.get("/usr/share/datasets").resolve(name));
        return dirs;
    }

    /** Where a download of {@code name} is written: {@code $MLP4J_DATA/<name>} when set, else under the home directory. */
    public Path downloadTarget(String name) {
        return candidates(name).get(0);
    }

    /** The first candidate directory holding every one of {@code files} (each possibly with a {@code .gz} suffix), or null. */
    public Path find(String name, List<String> files) {
        for (Path dir : candidates(name)) {
            if (files.stream().allMatch(f -> resolveFile(dir, f) != null)) {
                return dir;
            }
        }
        return null;
    }

    /** {@code dir/file} or {@code dir/file.gz}, whichever exists, else null. */
    public static Path resolveFile(Path dir, String file) {
        Path plain = dir.resolve(file);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(file + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }
}
