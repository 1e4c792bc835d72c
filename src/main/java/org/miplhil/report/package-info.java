/**
 * Everything that turns a run into something a person reads the next morning: the input model
 * (records of a run of suites, cases, steps, measurements, a timeline), the {@link
 * org.miplhil.report.RunListener} an executor calls while it runs, and the outputs — Allure results
 * with a timeline picture per case, JUnit XML, transcripts, the console — plus the Allure HTML report.
 * Nothing here knows how steps run.
 */
package org.miplhil.report;
