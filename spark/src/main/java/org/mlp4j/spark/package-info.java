/**
 * Spark ML stages that train mlp4j networks on a Spark cluster: {@link org.mlp4j.spark.Mlp4jClassifier} and
 * {@link org.mlp4j.spark.Mlp4jRegressor} (estimators), {@link org.mlp4j.spark.Mlp4jClassificationModel} and
 * {@link org.mlp4j.spark.Mlp4jRegressionModel} (transformers, saved as Spark model directories holding an mlp4j
 * {@code model.json}). Params follow MLlib's MultilayerPerceptronClassifier where the meaning is the same.
 */
package org.mlp4j.spark;
