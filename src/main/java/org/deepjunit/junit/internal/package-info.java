/** Internals shared by DeepJUnit's Jupiter extensions; not API. */
package org.deepjunit.junit.internal;
