/**
 * The HTML training report ({@code train --report}, {@code mlp4j report}): {@link org.mlp4j.report.ReportWriter}
 * turns a {@link org.mlp4j.report.ReportInput} into one self-contained page.
 */
package org.mlp4j.report;
