/**
 * The quality history: every test run's figures kept in an SQLite file per project (or a shared database), so that
 * trends show over builds. JUnit-free.
 */
package org.deepjunit.quality.history;
