package org.mlp4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingListener;

/**
 * Training progress on stderr: one line per epoch (or per {@code --log-every N} epochs; the last epoch always) with
 * loss, accuracy, validation metrics, samples/s and ETA, and, when stderr is a terminal, a live progress bar within
 * the epoch, redrawn at most ten times a second and sized to the terminal so it never wraps. {@code --quiet} prints
 * none of it.
 *
 * <p>Both ETAs are the time left for the whole run. They come from the recent batch rate (an exponential average over
 * windows of at least 0.1 s), not from the mean since the start, so the slow first batches of a cold JVM (JIT
 * warm-up) do not inflate them.
 */
final class ProgressPrinter implements TrainingListener {
    private static final long WINDOW_NANOS = 100_000_000L;
    /** Weight of the newest window in the batch-rate average. */
    private static final double SMOOTHING = 0.3;
    private final PrintStream err;
    private final boolean live;
    private final int columns;
    private final int logEvery;
    private final boolean quiet;
    private int epochs;
    private int batches;
    private long epochStart;
    private long windowStart;
    private long windowBatches;
    private double secondsPerBatch = Double.NaN;
    private long lastDraw;
    private double lossSum;
    private EpochStats lastStats;
    private int lastPrinted;

    /** Every epoch, no bar width limit beyond 80 columns. */
    ProgressPrinter(PrintStream err, boolean live) {
        this(err, live, TerminalWidth.FALLBACK, 1, false);
    }

    /**
     * @param live     draw the in-epoch bar (stderr is a terminal)
     * @param columns  the terminal's width
     * @param logEvery print every N-th epoch line (and the last)
     * @param quiet    print nothing
     */
    ProgressPrinter(PrintStream err, boolean live, int columns, int logEvery, boolean quiet) {
        this.err = err;
        this.live = live && !quiet;
        this.columns = columns;
        this.logEvery = Math.max(1, logEvery);
        this.quiet = quiet;
    }

    /** Whether stderr looks like a terminal (a console is attached and TERM is not "dumb"). */
    static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void onTrainBegin(Trainer trainer, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        epochStart = System.nanoTime();
        windowStart = epochStart;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
        long now = System.nanoTime();
        if (batch == 1) {
            lossSum = 0;
        }
        lossSum += loss;
        windowBatches++;
        if (now - windowStart >= WINDOW_NANOS) {
            sample(now);
        }
        if (!live || (now - lastDraw < WINDOW_NANOS && batch != batches)) {
            return;
        }
        lastDraw = now;
        int left = batches - batch + batches * (epochs - epoch);
        String before = String.format(Locale.ROOT, "epoch %d/%d ", epoch, epochs);
        String after = String.format(Locale.ROOT, " %d/%d loss %.4f ETA %s", batch, batches, lossSum / batch, eta(left));
        int width = Math.min(30, columns - 1 - before.length() - after.length() - 2);
        String bar = "";
        if (width >= 5) {
            int filled = (int) ((long) width * batch / Math.max(1, batches));
            bar = "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
        }
        String line = before + bar + after;
        if (line.length() > columns - 1) {
            line = line.substring(0, Math.max(0, columns - 1));
        }
        err.print("\r\033[K" + line);
        err.flush();
    }

    /** Folds the batches since the last sample into the rate average. */
    private void sample(long now) {
        if (windowBatches > 0) {
            double s = (now - windowStart) / 1e9 / windowBatches;
            secondsPerBatch = Double.isNaN(secondsPerBatch) ? s : (1 - SMOOTHING) * secondsPerBatch + SMOOTHING * s;
        }
        windowStart = now;
        windowBatches = 0;
    }

    private String eta(long batchesLeft) {
        return Double.isNaN(secondsPerBatch) ? "-:--" : duration(secondsPerBatch * batchesLeft);
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochStats s) {
        long now = System.nanoTime();
        double epochSeconds = (now - epochStart) / 1e9;
        epochStart = now;
        lastStats = s;
        if (quiet || (s.epoch() % logEvery != 0 && s.epoch() != epochs)) {
            return;
        }
        int left = epochs - s.epoch();
        // within a short epoch there may be no 0.1 s window yet: then the last epoch's wall time is the estimate
        String eta = Double.isNaN(secondsPerBatch) ? duration(epochSeconds * left) : eta((long) batches * left);
        print(s, eta);
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        // with --log-every, a run that stops early still shows where it ended
        if (!quiet && lastStats != null && lastPrinted != lastStats.epoch()) {
            print(lastStats, duration(0));
        }
    }

    private void print(EpochStats s, String eta) {
        lastPrinted = s.epoch();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", s.epoch(), epochs, s.loss()));
        if (!Double.isNaN(s.accuracy())) {
            line.append(String.format(Locale.ROOT, "  accuracy %.4f", s.accuracy()));
        }
        if (s.hasValidation()) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f", s.valLoss()));
            if (!Double.isNaN(s.valAccuracy())) {
                line.append(String.format(Locale.ROOT, "  val_accuracy %.4f", s.valAccuracy()));
            }
        }
        line.append(String.format(Locale.ROOT, "  %.0f samples/s  %.2fs  ETA %s", s.samplesPerSecond(), s.seconds(), eta));
        if (live) {
            err.print("\r\033[K");
        }
        err.println(line);
        err.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
