package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Damages a case's files in place, from a seeded random source. */
@FunctionalInterface
public interface Mutation {

    /** What a mutation did, and the names of the files an error message must name. */
    record Done(String description, List<String> blame) {}

    Done apply(List<Path> files, Random random) throws IOException;
}
