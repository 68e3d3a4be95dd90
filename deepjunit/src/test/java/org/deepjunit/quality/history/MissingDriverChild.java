package org.deepjunit.quality.history;

/** Runs in a JVM without the PostgreSQL driver: prints what opening a PostgreSQL history says. */
public final class MissingDriverChild {

    private MissingDriverChild() {}

    public static void main(String[] args) {
        try (HistoryStore store = HistoryStore.open(args[0])) {
            System.out.println("opened " + store.location());
        } catch (HistoryException e) {
            System.out.println("HistoryException: " + e.getMessage());
        }
    }
}
