package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Damages a case's files in place, from a seeded random source. */
@FunctionalInterface
public interface Mutation {

    /**
     * What a mutation did.
     *
     * @param category    the kind of damage, a row of the figures ("truncated", "absurd dimension")
     * @param description what exactly, for the cases a campaign lists
     * @param blame       names of which an error message must contain one (the damaged files)
     */
    record Done(String category, String description, List<String> blame) {}

    Done apply(List<Path> files, Random random) throws IOException;
}
