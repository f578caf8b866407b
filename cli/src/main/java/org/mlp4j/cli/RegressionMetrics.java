package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A regression model's errors on labelled rows, per target and averaged over the targets with equal weight
 * (scikit-learn's {@code multioutput='uniform_average'}): RMSE = √(mean (y−ŷ)²), MAE = mean |y−ŷ|, and
 * R² = 1 − Σ(y−ŷ)² / Σ(y−ȳ)² (1 is perfect, 0 is as good as predicting the mean; NaN for a constant target, where
 * scikit-learn also has no finite value). Sums are in double.
 */
record RegressionMetrics(List<String> names, double[] rmse, double[] mae, double[] r2) {

    /** Metrics of {@code predicted} against {@code targets}, both {@code rows × width}, row-major. */
    static RegressionMetrics of(float[] predicted, float[] targets, int rows, int width, List<String> names) {
        double[] rmse = new double[width];
        double[] mae = new double[width];
        double[] r2 = new double[width];
        for (int j = 0; j < width; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += targets[i * width + j];
            }
            mean /= rows;
            double sse = 0;
            double sae = 0;
            double sst = 0;
            for (int i = 0; i < rows; i++) {
                double y = targets[i * width + j];
                double e = y - predicted[i * width + j];
                sse += e * e;
                sae += Math.abs(e);
                sst += (y - mean) * (y - mean);
            }
            rmse[j] = Math.sqrt(sse / rows);
            mae[j] = sae / rows;
            r2[j] = sst == 0 ? Double.NaN : 1 - sse / sst;
        }
        List<String> n = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            n.add(names != null ? names.get(j) : "output" + j);
        }
        return new RegressionMetrics(List.copyOf(n), rmse, mae, r2);
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
