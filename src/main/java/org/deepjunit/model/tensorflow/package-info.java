/**
 * TensorFlow Java adapter: {@link org.deepjunit.model.tensorflow.TensorFlowModel} runs a SavedModel
 * (or an in-memory graph) behind DeepJUnit's {@link org.deepjunit.Model} interface.
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
 * <h2>Exporting from Python so that layers are reachable</h2>
 * TF2/Keras SavedModels hide layers inside functions. To get hidden layers by op name, export a
 * flat graph, for instance by freezing the concrete function and saving it as a TF1-style
 * SavedModel:
 * <pre>
 * import tensorflow as tf
 * from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2
 * fn = tf.function(model).get_concrete_function(tf.TensorSpec([None, 28, 28, 1], tf.float32))
 * frozen = convert_variables_to_constants_v2(fn)          # layers become top-level ops
 * graph_def = frozen.graph.as_graph_def()
 * with tf.compat.v1.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as s:
 *     tf.compat.v1.import_graph_def(graph_def, name="")
 *     x = g.get_tensor_by_name(frozen.inputs[0].name)
 *     y = g.get_tensor_by_name(frozen.outputs[0].name)
 *     b = tf.compat.v1.saved_model.Builder("lenet_flat")
 *     b.add_meta_graph_and_variables(s, ["serve"], signature_def_map={"serving_default":
 *         tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})})
 *     b.save()
 * </pre>
 * Op names then look like {@code sequential/conv2d/Relu} (print {@code [n.name for n in graph_def.node]}).
 * This recipe is untested here (no Python in the build); the loader side is tested with graphs
 * of the same shape built in Java.
 */
package org.deepjunit.model.tensorflow;
