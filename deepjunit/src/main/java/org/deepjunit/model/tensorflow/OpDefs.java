package org.deepjunit.model.tensorflow;

import java.util.HashMap;
import java.util.Map;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * The op definitions registered in the TensorFlow runtime, and what they tell about a node's arguments:
 * a {@code NodeDef} names its op's outputs by argument ({@code node:outArg:i}) and its list arguments by an
 * attribute, while a {@code Graph} counts flat tensors, so copying nodes needs the {@link OpDef} to translate.
 */
final class OpDefs {

    /** Read once: the registry does not change while the JVM runs, and listing it is slow. */
    private static volatile Map<String, OpDef> opDefs;

    private OpDefs() {}

    static OpDef opDef(String type) {
        Map<String, OpDef> defs = opDefs;
        if (defs == null) {
            Map<String, OpDef> m = new HashMap<>();
            for (OpDef d : TensorFlow.registeredOpList().getOpList()) {
                m.put(d.getName(), d);
            }
            defs = Map.copyOf(m);
            opDefs = defs;
        }
        OpDef od = defs.get(type);
        if (od == null) {
            throw new ModelLoadException("Op type '" + type + "' is not registered in this TensorFlow runtime "
                    + "(TF Java " + TensorFlow.version() + "); the model needs a custom op library");
        }
        return od;
    }

    /** The flat output index of output {@code index} of output argument {@code argName} of a plain op. */
    static int flatIndex(NodeDef node, String argName, int index) {
        if (argName == null) {
            return index;
        }
        OpDef od = opDef(node.getOp());
        int flat = 0;
        for (OpDef.ArgDef arg : od.getOutputArgList()) {
            if (arg.getName().equals(argName)) {
                return flat + index;
            }
            flat += count(arg, node, od);
        }
        throw new ModelLoadException(
                "Op " + node.getOp() + " (node '" + node.getName() + "') has no output '" + argName + "'");
    }

    /** How many tensors argument {@code arg} of {@code node} stands for: 1, or the length its list attribute gives. */
    static int count(OpDef.ArgDef arg, NodeDef node, OpDef od) {
        if (!arg.getNumberAttr().isEmpty()) {
            return (int) attr(node, od, arg.getNumberAttr()).getI();
        }
        if (!arg.getTypeListAttr().isEmpty()) {
            return attr(node, od, arg.getTypeListAttr()).getList().getTypeCount();
        }
        return 1;
    }

    /** A node's attribute, or the op's default when the exporter stripped default-valued attributes. */
    private static AttrValue attr(NodeDef node, OpDef od, String name) {
        AttrValue v = node.getAttrMap().get(name);
        if (v != null) {
            return v;
        }
        for (OpDef.AttrDef a : od.getAttrList()) {
            if (a.getName().equals(name) && a.hasDefaultValue()) {
                return a.getDefaultValue();
            }
        }
        throw new ModelLoadException(
                "Node '" + node.getName() + "' (" + node.getOp() + ") lacks attribute '" + name + "'");
    }
}
