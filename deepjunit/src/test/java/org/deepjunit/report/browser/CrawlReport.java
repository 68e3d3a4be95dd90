package org.deepjunit.report.browser;

import java.util.List;

/**
 * What a crawl of a report found: the pages it opened, the problems on them and the links it left alone because they
 * go to the web. {@link #toString()} is written for assertion messages: a failing test names every problem.
 *
 * @param visited  the pages opened, relative to the report folder, in the order they were opened
 * @param problems what was wrong, in the order it was found
 * @param external the http(s) links, as {@code page -> address}, not followed
 */
record CrawlReport(List<String> visited, List<PageProblem> problems, List<String> external) {

    CrawlReport {
        visited = List.copyOf(visited);
        problems = List.copyOf(problems);
        external = List.copyOf(external);
    }

    /** The problems of one kind. */
    List<PageProblem> problems(PageProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(visited.size())
                .append(" pages visited, ")
                .append(problems.size())
                .append(" problems");
        problems.forEach(p -> text.append("\n  ").append(p));
        text.append("\npages: ").append(visited);
        if (!external.isEmpty()) {
            text.append("\nweb links, not followed: ").append(external);
        }
        return text.toString();
    }
}
