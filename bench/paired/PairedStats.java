import java.util.Arrays;

/** The order statistics the paired harnesses print: median, least and greatest of a round's figures. */
final class PairedStats {
    private PairedStats() {
    }

    /** "new/old median R (least..greatest)" of per-round ratios. */
    static String ratios(double[] ratio) {
        return String.format("new/old median %.3f (%.2f..%.2f)", median(ratio), min(ratio), max(ratio));
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
