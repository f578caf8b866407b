/** Input rows and first-layer weights drawn as small inline PNG images. */
package org.mlp4j.report.images;
