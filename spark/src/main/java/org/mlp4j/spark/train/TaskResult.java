package org.mlp4j.spark.train;

import java.io.Serializable;

/**
 * A task's answer in a round of parameter averaging.
 *
 * @param partition  the partition index (results are combined in this order, whatever order tasks finish in)
 * @param rows       rows trained on (the averaging weight)
 * @param parameters flat parameters after the local epochs
 * @param state      flat optimizer state after the local epochs
 * @param steps      optimizer steps taken so far
 * @param lossSum    sum over the local steps of the batch loss
 * @param batches    local steps taken
 */
record TaskResult(int partition, int rows, float[] parameters, float[] state, long steps, double lossSum,
                  int batches) implements Serializable {
}
