/**
 * Data in and out: seed and profile sources ({@link org.deepjunit.data.Datasets}: MNIST IDX, NumPy
 * {@code .npy}, CSV, image folders, from {@code classpath:} or files), and the writers of saved
 * inputs ({@code .npy}, PNG, JSON, their seeds and difference maps), all written atomically. Their index pages are
 * the report's ({@code org.deepjunit.report.inputs}), reached through {@link org.deepjunit.data.SavedInputsIndex}.
 */
package org.deepjunit.data;
