package org.mlp4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingListener;

/**
 * Training progress on stderr: one line per epoch (loss, accuracy, validation metrics, samples/s, ETA) and, when
 * stderr is a terminal, a live progress bar within the epoch, redrawn at most ten times a second.
 */
final class ProgressPrinter implements TrainingListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream err;
    private final boolean live;
    private int epochs;
    private int batches;
    private long trainStart;
    private long epochStart;
    private long lastDraw;
    private double lossSum;

    ProgressPrinter(PrintStream err, boolean live) {
        this.err = err;
        this.live = live;
    }

    /** Whether stderr looks like a terminal (a console is attached and TERM is not "dumb"). */
    static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void onTrainBegin(Trainer trainer, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        trainStart = System.nanoTime();
        epochStart = trainStart;
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
        if (batch == 1) {
            epochStart = System.nanoTime();
            lossSum = 0;
        }
        lossSum += loss;
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && batch != batches) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) ((long) width * batch / Math.max(1, batches));
        double elapsed = (now - epochStart) / 1e9;
        double eta = batch == 0 ? 0 : elapsed / batch * (batches - batch);
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f ETA %s   ", epoch, epochs,
                "=".repeat(filled), " ".repeat(width - filled), batch, batches, lossSum / batch, duration(eta));
        err.flush();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochStats s) {
        double elapsed = (System.nanoTime() - trainStart) / 1e9;
        double eta = elapsed / s.epoch() * (epochs - s.epoch());
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
        line.append(String.format(Locale.ROOT, "  %.0f samples/s  %.2fs  ETA %s", s.samplesPerSecond(), s.seconds(), duration(eta)));
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
