package org.mlp4j.spark;

/**
 * Hands a stage its uid before its Spark superclass constructor runs. Spark's param traits create their
 * {@code Param}s in that constructor and each asks its parent for {@code uid()}; a Scala stage has the uid as a
 * constructor field by then, a Java one cannot assign a field before {@code super()}. So the public constructor
 * parks the uid here, {@code uid()} reads it while the field is still unset, and the constructor then clears it.
 */
final class StageUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private StageUid() {
    }

    /** Parks {@code uid} for the constructor about to run on this thread; returns it. */
    static String hold(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("a stage uid must not be empty");
        }
        PENDING.set(uid);
        return uid;
    }

    /** The uid parked for the constructor running on this thread. */
    static String pending() {
        String uid = PENDING.get();
        if (uid == null) {
            throw new IllegalStateException("uid() read before the stage was constructed through StageUid.hold");
        }
        return uid;
    }

    static void release() {
        PENDING.remove();
    }
}
