/**
 * Data in and out: seed and profile sources ({@link org.deepjunit.data.Datasets}: MNIST IDX, NumPy
 * {@code .npy}, CSV, image folders, from {@code classpath:} or files), and the writers of saved
 * inputs ({@code .npy}, PNG, JSON and their index pages), all written atomically.
 */
package org.deepjunit.data;
