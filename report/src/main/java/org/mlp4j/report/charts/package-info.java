/** The report's charts, built with JFreeChart and drawn as inline SVG with JFreeSVG. */
package org.mlp4j.report.charts;
