/**
 * Renders neuron coverage as a JaCoCo report: JaCoCo's own HTML (a group per model, a package per
 * layer, a line per neuron), JaCoCo XML valid against its {@code report.dtd}, CSV and a page of
 * criteria and gate verdicts, from the framework-neutral
 * {@link org.deepjunit.report.NeuronCoverageReport}; see
 * {@link org.deepjunit.report.CoverageReportWriter}.
 */
package org.deepjunit.report;
