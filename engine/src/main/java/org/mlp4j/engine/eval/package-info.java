/** Evaluation results: loss, accuracy, confusion matrix and per-class precision, recall and F1. */
package org.mlp4j.engine.eval;
