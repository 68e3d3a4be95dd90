package org.deepjunit.report;

/**
 * A test-only hook: when the system property {@value #PROPERTY} names a point of the report's replacement, the JVM
 * halts there as if killed ({@code Runtime.halt(137)}: no shutdown hooks, no finally blocks), so that a test can
 * check what a kill at that moment leaves. Unset, it costs one property read per point.
 */
final class HaltPoints {

    static final String PROPERTY = "deepjunit.test.haltAt";
    /** Part of the new report's files written. */
    static final String RENDERING = "rendering";
    /** The new report complete beside the old one. */
    static final String BEFORE_SWAP = "before-swap";
    /** The old report moved aside, the new one not yet in: no report folder at all. */
    static final String MID_SWAP = "mid-swap";
    /** The new report in place, the old one not yet merged and removed. */
    static final String AFTER_SWAP = "after-swap";

    private HaltPoints() {}

    static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
