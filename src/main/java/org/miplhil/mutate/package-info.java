/**
 * Mutation testing of the catalogue: fault plans generated from the codec's knowledge of every command and URC
 * kind ({@link org.miplhil.mutate.Mutant}, by {@link org.miplhil.mutate.Family}), run against the virtual module
 * with impact analysis from a clean run's transcripts, scored like PIT.
 */
package org.miplhil.mutate;
