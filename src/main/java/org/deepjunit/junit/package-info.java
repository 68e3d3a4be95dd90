/** DeepJUnit's Jupiter extensions; users reach them through the annotations in {@code org.deepjunit}. */
package org.deepjunit.junit;
