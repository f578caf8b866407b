package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.eval.RegressionErrors;

/**
 * A regression model's errors on labelled rows ({@link RegressionErrors}), per named target and averaged over the
 * targets with equal weight (scikit-learn's {@code multioutput='uniform_average'}), as the CLI prints them.
 */
record RegressionMetrics(List<String> names, double[] rmse, double[] mae, double[] r2) {

    /** Metrics of {@code predicted} against {@code targets}, both {@code rows × width}, row-major. */
    static RegressionMetrics of(float[] predicted, float[] targets, int rows, int width, List<String> names) {
        RegressionErrors e = RegressionErrors.of(predicted, targets, rows, width);
        List<String> n = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            n.add(names != null ? names.get(j) : "output" + j);
        }
        return new RegressionMetrics(List.copyOf(n), e.rmse(), e.mae(), e.r2());
    }

    double meanRmse() { return mean(rmse); }
    double meanMae() { return mean(mae); }
    double meanR2() { return mean(r2); }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** {@code "rmse","mae","r2"} (averaged) and {@code "perTarget":[{"target","rmse","mae","r2"}]}, added to {@code m}. */
    void putJson(Map<String, Object> m) {
        m.put("rmse", Json.number(meanRmse()));
        m.put("mae", Json.number(meanMae()));
        m.put("r2", Json.number(meanR2()));
        List<Map<String, Object>> per = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", names.get(j));
            t.put("rmse", Json.number(rmse[j]));
            t.put("mae", Json.number(mae[j]));
            t.put("r2", Json.number(r2[j]));
            per.add(t);
        }
        m.put("perTarget", per);
    }

    /** Lines for the text report: the averages, then one line per target when there are several. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "RMSE %.6g, MAE %.6g, R² %.4f", meanRmse(), meanMae(), meanR2()));
        if (names.size() > 1) {
            int w = names.stream().mapToInt(String::length).max().orElse(6);
            for (int j = 0; j < names.size(); j++) {
                out.add(String.format(Locale.ROOT, "  %-" + w + "s  RMSE %.6g, MAE %.6g, R² %.4f", names.get(j), rmse[j],
                        mae[j], r2[j]));
            }
        }
        return out;
    }
}
