package org.mlp4j.spark.train;

/**
 * What a distributed fit produced.
 *
 * @param parameters  the trained parameters, flat ({@link FlatParameters})
 * @param epochLoss   mean training loss of each epoch (as the tasks saw it, before each step's update)
 * @param jobs        Spark jobs the training ran (packing and caching excluded)
 * @param seconds     wall time of the training loop
 */
public record FitResult(float[] parameters, double[] epochLoss, int jobs, double seconds) {
}
