package org.mlp4j.cli;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.parallel.WorkerPool;
import org.mlp4j.engine.train.EpochStats;

/** The facts a report lists about a run: rows, time, throughput, kernels, threads, JDK, mlp4j version. */
final class RunFacts {
    private final Map<String, String> facts = new LinkedHashMap<>();

    RunFacts put(String key, String value) {
        if (value != null) {
            facts.put(key, value);
        }
        return this;
    }

    RunFacts rows(String key, Integer rows) {
        return rows == null ? this : put(key, String.format(Locale.ROOT, "%,d", rows));
    }

    /** Epochs, total seconds and samples/s of the training epochs. */
    RunFacts training(List<EpochStats> epochs, int trainRows) {
        if (epochs.isEmpty()) {
            return this;
        }
        double seconds = 0;
        for (EpochStats e : epochs) {
            seconds += Double.isFinite(e.seconds()) ? e.seconds() : 0;
        }
        put("epochs", Integer.toString(epochs.size()));
        put("training seconds", String.format(Locale.ROOT, "%.2f", seconds));
        if (seconds > 0 && trainRows > 0) {
            put("samples/s", String.format(Locale.ROOT, "%,.0f", (double) trainRows * epochs.size() / seconds));
        }
        return this;
    }

    /** Kernels, threads, JDK, mlp4j version and the time the report was written. */
    RunFacts machine(Kernels kernels, Integer threads) {
        put("kernels", kernels.describe());
        put("threads", Integer.toString(threads == null ? WorkerPool.defaultSize() : threads));
        put("JDK", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        String v = RunFacts.class.getPackage().getImplementationVersion();
        put("mlp4j", v == null ? "0.1.0-SNAPSHOT" : v);
        put("written", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        return this;
    }

    Map<String, String> toMap() {
        return facts;
    }
}
