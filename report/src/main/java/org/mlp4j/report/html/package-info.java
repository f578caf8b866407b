/** A small XHTML writer: the report pages are well-formed XML, so tests can parse them and browsers read them. */
package org.mlp4j.report.html;
