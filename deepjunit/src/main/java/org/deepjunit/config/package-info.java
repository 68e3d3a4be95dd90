/**
 * DeepJUnit's configuration, without JUnit: {@link org.deepjunit.config.Key}s (every {@code deepjunit.*}
 * parameter, declared once with its type, default and description), the {@link org.deepjunit.config.ValueType}s
 * that parse and check them and the annotation attributes that override them, and
 * {@link org.deepjunit.config.ConfigurationException}, whose message has one shape:
 * {@code Invalid value 'x' for <parameter or attribute>: expected <what>}.
 */
package org.deepjunit.config;
