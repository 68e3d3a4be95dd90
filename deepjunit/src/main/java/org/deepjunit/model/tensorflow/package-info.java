/**
 * TensorFlow Java adapter: {@link org.deepjunit.model.tensorflow.TensorFlowModel} runs a SavedModel
 * (or an in-memory graph) behind DeepJUnit's {@link org.deepjunit.model.Model} interface.
 *
 * <h2>Loading a SavedModel and naming hidden layers</h2>
 * <pre>{@code
 * try (TensorFlowModel model = TensorFlowModel.builder(Path.of("models/lenet"))
 *         .layer("conv1", "conv1/Relu")        // display name, op name
 *         .layer("pool1/MaxPool")              // op name, shown as is
 *         .layer("fc1", "fc1/Relu:0")          // tensor names work too
 *         .build()) {
 *     Activations acts = model.activations(images);
 * }
 * }</pre>
 * {@code TensorFlowModel.load(dir)} uses tag "serve", signature "serving_default", and finds the
 * layers between input and output itself. A signature with several inputs or outputs needs
 * {@code .input(key)} / {@code .output(key)}. Requires {@code org.tensorflow:tensorflow-core-api}
 * and its native artifact on the classpath (optional dependencies of DeepJUnit).
 *
 * <h2>Thread-safety</h2>
 * A model may be shared by concurrent tests: inference and gradients run in parallel on one
 * session; the ops for a new gradient objective are added to the graph once, under a lock.
 *
 * <h2>SavedModels exported by Keras / TF2</h2>
 * {@code model.save("dir")} / {@code tf.saved_model.save} SavedModels load as they are:
 * <pre>{@code
 * try (TensorFlowModel m = TensorFlowModel.builder(Path.of("mnist_cnn"))
 *         .signature("serving_default")
 *         .inputScale(InputScale.multiplyBy(255))   // trained on 0-255 pixels; DeepJUnit tensors are 0-1
 *         .build()) {
 *     m.layers();   // conv2d (convolution, [26, 26, 32]), max_pooling2d (pooling, ...), ..., dense_1 (dense, [10])
 * }
 * }</pre>
 * The functions the serving output comes through are inlined into the graph ({@code FunctionInliner});
 * layer names and kinds come from the Keras metadata ({@code keras_metadata.pb} or the object graph),
 * or from op name scopes. A signature with several outputs needs {@code .output(key)}; one whose output
 * needs several inputs is refused. Models with While/If loops (recurrent layers) give activations but
 * no input gradients (the error names the op).
 */
package org.deepjunit.model.tensorflow;
