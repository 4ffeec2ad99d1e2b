package dev.sparkpipeline.core.landing;

/**
 * Why a landed file is quarantined.
 *
 * @param rule    the rule it broke
 * @param message what a person needs to fix it (names columns, limits, the key; never data rows)
 */
public record Violation(Rule rule, String message) {}
