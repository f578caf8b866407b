/** The Keras-style model summary shared by {@code inspect}, {@code inspect --json} and the HTML report. */
package org.mlp4j.report.summary;
