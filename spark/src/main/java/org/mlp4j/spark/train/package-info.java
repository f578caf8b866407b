/**
 * The distributed training behind the estimators: partitions packed into float blocks, and the three designs of
 * {@link org.mlp4j.spark.train.Strategy} (parameter averaging, a Spark job per step, barrier tasks exchanging
 * gradients), all combining partition results in partition order so that the model does not depend on scheduling.
 */
package org.mlp4j.spark.train;
