package org.deepjunit.model.dl4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.global.hdf5;
import org.deepjunit.model.ModelLoadException;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Compares what each Keras layer's configuration declares (units, filters, kernel size) with the shapes of the
 * weights stored for it in the HDF5 file, reading only the datasets' shapes, before DL4J builds anything: DL4J
 * builds the network from the architecture alone and copies weights of another shape in without complaint (a
 * Dense layer edited from 10 to 1,000,000 units loaded and predicted a million outputs).
 */
final class KerasWeightShapes {

    private KerasWeightShapes() {}

    /**
     * @param layers the architecture's layer list
     * @param weightsRoot the HDF5 group holding one group per layer ("/" or "model_weights")
     */
    static void check(JsonNode layers, Path h5, String weightsRoot, Path architecture) {
        Hdf5Access.locked(() -> {
            try (H5File file = new H5File(h5.toString(), hdf5.H5F_ACC_RDONLY)) {
                if (!"/".equals(weightsRoot) && !file.nameExists(weightsRoot)) {
                    return null; // no weights in a whole-model file: DL4J's importer reports that
                }
                try (Group root = file.openGroup(weightsRoot)) {
                    for (JsonNode layer : layers) {
                        checkLayer(root, layer, h5, architecture);
                    }
                }
                return null;
            }
        });
    }

    private static void checkLayer(Group root, JsonNode layer, Path h5, Path architecture) {
        String kind = layer.path("class_name").asText();
        JsonNode conf = layer.path("config");
        String name = conf.path("name").asText(layer.path("name").asText());
        if (name.isEmpty() || !root.nameExists(name)) {
            return;
        }
        Map<String, long[]> stored = new LinkedHashMap<>();
        try (Group group = root.openGroup(name)) {
            collect(group, "", stored);
        }
        for (Map.Entry<String, long[]> weight : stored.entrySet()) {
            String role = role(weight.getKey());
            long[] expected = expected(kind, conf, role, weight.getValue().length);
            if (expected != null && !matches(expected, weight.getValue())) {
                throw new ModelLoadException(h5 + ": layer '" + name + "' (" + kind + ") in " + architecture
                        + " needs its " + role + " shaped " + show(expected) + ", but the weights file stores "
                        + show(weight.getValue()) + " (" + weight.getKey() + "): the architecture and the weights"
                        + " do not belong together (an edited or swapped file?)");
            }
        }
    }

    /** Dataset paths under a layer's group and their shapes, e.g. "dense/kernel:0" → [192, 10]. */
    private static void collect(Group group, String prefix, Map<String, long[]> out) {
        long n = group.getNumObjs();
        for (long i = 0; i < n && i < 1000; i++) {
            String child = group.getObjnameByIdx(i).getString();
            int type = group.childObjType(child);
            if (type == hdf5.H5O_TYPE_GROUP) {
                try (Group g = group.openGroup(child)) {
                    collect(g, prefix + child + "/", out);
                }
            } else if (type == hdf5.H5O_TYPE_DATASET) {
                try (DataSet ds = group.openDataSet(child);
                        DataSpace space = ds.getSpace()) {
                    long[] dims = new long[space.getSimpleExtentNdims()];
                    space.getSimpleExtentDims(dims);
                    out.put(prefix + child, dims);
                }
            }
        }
    }

    /** "dense/kernel:0" → "kernel"; "lstm/lstm_cell/recurrent_kernel:0" → "recurrent_kernel". */
    private static String role(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon >= 0 ? last.substring(0, colon) : last;
    }

    /** The expected shape, -1 for a dimension the configuration does not fix; null when not checked. */
    private static long[] expected(String kind, JsonNode conf, String role, int rank) {
        long units = conf.path("units").asLong(-1);
        long filters = conf.path("filters").asLong(-1);
        int gates = switch (kind) {
            case "LSTM", "CuDNNLSTM" -> 4;
            case "GRU", "CuDNNGRU" -> 3;
            case "SimpleRNN" -> 1;
            default -> 0;
        };
        return switch (kind) {
            case "Dense" -> role.equals("kernel") ? dims(-1, units) : role.equals("bias") ? dims(units) : null;
            case "Conv1D", "Conv2D", "Conv3D" -> conv(conf, role, filters);
            case "Embedding" ->
                role.equals("embeddings")
                        ? dims(
                                conf.path("input_dim").asLong(-1),
                                conf.path("output_dim").asLong(-1))
                        : null;
            case "LSTM", "GRU", "SimpleRNN", "CuDNNLSTM", "CuDNNGRU" ->
                switch (role) {
                    case "kernel" -> dims(-1, gates * units);
                    case "recurrent_kernel" -> dims(units, gates * units);
                    case "bias" -> rank == 2 ? dims(-1, gates * units) : dims(gates * units);
                    default -> null;
                };
            default -> null;
        };
    }

    private static long[] conv(JsonNode conf, String role, long filters) {
        if (role.equals("bias")) {
            return dims(filters);
        }
        if (!role.equals("kernel") || !conf.path("kernel_size").isArray()) {
            return null;
        }
        JsonNode ks = conf.get("kernel_size");
        long[] e = new long[ks.size() + 2];
        for (int i = 0; i < ks.size(); i++) {
            e[i] = ks.get(i).asLong(-1);
        }
        e[ks.size()] = -1;
        e[ks.size() + 1] = filters;
        return e;
    }

    private static long[] dims(long... d) {
        return d;
    }

    private static boolean matches(long[] expected, long[] stored) {
        if (expected.length != stored.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && expected[i] != stored[i]) {
                return false;
            }
        }
        return true;
    }

    private static String show(long[] dims) {
        return Arrays.toString(dims).replace("-1", "*");
    }
}
