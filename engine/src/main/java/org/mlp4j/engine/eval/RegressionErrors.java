package org.mlp4j.engine.eval;

/**
 * A regression model's errors per target column, as scikit-learn defines them: RMSE = √(mean (y−ŷ)²),
 * MAE = mean |y−ŷ|, and R² = 1 − Σ(y−ŷ)² / Σ(y−ȳ)² (1 is perfect, 0 is as good as predicting the mean; NaN for a
 * constant target, where scikit-learn has no finite value either). Sums are in double.
 *
 * @param rmse one value per target column
 * @param mae  one value per target column
 * @param r2   one value per target column
 */
public record RegressionErrors(double[] rmse, double[] mae, double[] r2) {

    /** The errors of {@code predicted} against {@code targets}, both {@code rows × width}, row-major. */
    public static RegressionErrors of(float[] predicted, float[] targets, int rows, int width) {
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
        return new RegressionErrors(rmse, mae, r2);
    }

    /** How many target columns. */
    public int targets() {
        return rmse.length;
    }
}
