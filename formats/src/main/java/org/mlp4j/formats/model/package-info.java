/**
 * JSON model files (the README's "Model files" section is the schema): a network's layers and parameters, its loss, class names, the
 * normalization it was trained with, and free-form training options and metrics. The schema is a contract other
 * tools write too; float32 values round-trip bit-exactly in both the {@code base64} and the {@code values} form.
 */
package org.mlp4j.formats.model;
