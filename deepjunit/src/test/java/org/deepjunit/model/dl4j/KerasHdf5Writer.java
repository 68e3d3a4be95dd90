package org.deepjunit.model.dl4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Writes a Keras {@code save_weights} HDF5 file from Java (no Python here), with the bytedeco HDF5 API that DL4J
 * reads it with: one group per layer, holding a group of the same name with the datasets ("kernel:0", ...).
 */
final class KerasHdf5Writer {

    private KerasHdf5Writer() {}

    /** Keras's "weight_names" attribute: fixed-length strings "layer/kernel:0", which DL4J reads to find datasets. */
    private static void weightNames(Group group, String layer, java.util.Set<String> datasets) {
        java.util.List<String> names =
                datasets.stream().map(d -> layer + "/" + d).sorted().toList();
        int width = names.stream().mapToInt(String::length).max().orElse(1);
        byte[] bytes = new byte[width * names.size()];
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, bytes, i * width, name.length);
        }
        try (StrType type = new StrType(PredType.C_S1(), width);
                DataSpace space = new DataSpace(1, new long[] {names.size()});
                Attribute attribute = group.createAttribute("weight_names", type, space);
                BytePointer data = new BytePointer(bytes)) {
            attribute.write(type, data);
        }
    }

    /** @param layers layer name → (dataset name → shape); values are seeded random numbers in [-0.1, 0.1) */
    static void write(Path file, Map<String, Map<String, long[]>> layers, long seed) {
        Random random = new Random(seed);
        Hdf5Access.locked(() -> {
            try (H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC);
                    DataType f32 = new DataType(PredType.NATIVE_FLOAT())) {
                for (Map.Entry<String, Map<String, long[]>> layer : layers.entrySet()) {
                    try (Group outer = h5.createGroup(layer.getKey());
                            Group inner = outer.createGroup(layer.getKey())) {
                        weightNames(outer, layer.getKey(), layer.getValue().keySet());
                        for (Map.Entry<String, long[]> w : layer.getValue().entrySet()) {
                            long[] shape = w.getValue();
                            long n = 1;
                            for (long d : shape) {
                                n *= d;
                            }
                            float[] values = new float[(int) n];
                            for (int i = 0; i < values.length; i++) {
                                values[i] = (random.nextFloat() - 0.5f) / 5;
                            }
                            try (DataSpace space = new DataSpace(shape.length, shape);
                                    DataSet ds = inner.createDataSet(w.getKey(), f32, space);
                                    FloatPointer data = new FloatPointer(values)) {
                                ds.write(data, f32);
                            }
                        }
                    }
                }
            }
            return null;
        });
    }
}
