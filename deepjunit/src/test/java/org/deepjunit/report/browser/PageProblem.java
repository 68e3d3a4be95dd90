package org.deepjunit.report.browser;

/**
 * One thing wrong with a report page as a browser shows it.
 *
 * @param page   the page, relative to the report folder
 * @param kind   what is wrong
 * @param detail the link, image or console message at fault, as a person would search the page for it
 */
record PageProblem(String page, Kind kind, String detail) {

    /** The kinds of defects a reader would run into. */
    enum Kind {
        /** The page did not load (a missing start page, a browser error page, a timeout). */
        LOAD_FAILED,
        /** A console message at SEVERE level: a script error or a resource that failed to load. */
        CONSOLE_ERROR,
        /** A link to a file of the report that is not there. */
        MISSING_TARGET,
        /** A link whose {@code #fragment} names no element on its target page. */
        MISSING_FRAGMENT,
        /** A link out of the report folder that is not an http(s) address: it breaks when the report is moved. */
        LEAVES_REPORT,
        /** An image that did not render ({@code complete && naturalWidth > 0} is false). */
        BROKEN_IMAGE
    }

    @Override
    public String toString() {
        return page + ": " + kind + ": " + detail;
    }
}
