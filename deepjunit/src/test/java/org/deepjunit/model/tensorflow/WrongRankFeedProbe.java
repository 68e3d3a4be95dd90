package org.deepjunit.model.tensorflow;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Run in a separate JVM by {@link TensorFlowWrongRankTest}: feeds a float32 tensor of the shape in
 * {@code args[1]} (e.g. "2,144") straight into the SavedModel in {@code args[0]}, bypassing
 * DeepJUnit's checks, to show what those checks prevent.
 */
public final class WrongRankFeedProbe {

    private WrongRankFeedProbe() {}

    static Shape shape(String dims) {
        return Shape.of(java.util.Arrays.stream(dims.split(","))
                .mapToLong(Long::parseLong)
                .toArray());
    }

    public static void main(String[] args) {
        try (SavedModelBundle b = SavedModelBundle.load(args[0], "serve");
                TFloat32 x = TFloat32.tensorOf(shape(args[1]));
                Result r = b.session()
                        .runner()
                        .feed("x", x)
                        .fetch("softmax/Softmax")
                        .run()) {
            System.out.println("survived: " + r.get(0).shape());
        } catch (RuntimeException e) {
            System.out.println("exception: " + e);
        }
    }
}
