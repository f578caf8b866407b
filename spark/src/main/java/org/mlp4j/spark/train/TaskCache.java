package org.mlp4j.spark.train;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-JVM (per-executor) cache of the task-side state of a fit that runs one job per step, so a step does not
 * rebuild the network and trainer. Keyed by fit and partition; bounded, oldest first out, and dropped when the fit
 * ends (on the driver's JVM; executors drop entries as newer fits push them out).
 */
final class TaskCache {
    private static final int CAPACITY = 64;
    private static final Map<String, SliceGradients> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SliceGradients> eldest) {
            return size() > CAPACITY;
        }
    };

    private TaskCache() {
    }

    static synchronized SliceGradients get(String fitId, int partition, Supplier<SliceGradients> create) {
        return ENTRIES.computeIfAbsent(fitId + "/" + partition, k -> create.get());
    }

    static synchronized void forget(String fitId) {
        for (Iterator<String> it = ENTRIES.keySet().iterator(); it.hasNext(); ) {
            if (it.next().startsWith(fitId + "/")) {
                it.remove();
            }
        }
    }
}
