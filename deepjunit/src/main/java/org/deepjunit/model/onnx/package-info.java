/**
 * ONNX Runtime adapter: {@link org.deepjunit.model.onnx.OnnxModel} runs an {@code .onnx} file (a PyTorch or Keras 3
 * export) behind DeepJUnit's {@link org.deepjunit.model.Model} interface, and
 * {@link org.deepjunit.model.onnx.OnnxTestData} reads ONNX's test-data layout as a reference for differential tests.
 */
package org.deepjunit.model.onnx;
