package org.deepjunit.model.tensorflow;

/**
 * A reference to one tensor of a graph, as written in a {@code NodeDef}'s inputs: {@code node:index}, or a
 * bare {@code node} for its output 0. Control inputs ({@code ^node}) are stripped by the caller first.
 */
record TensorRef(String node, int index) {

    static TensorRef parse(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon > 0 && ref.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < ref.length() - 1) {
            return new TensorRef(ref.substring(0, colon), Integer.parseInt(ref.substring(colon + 1)));
        }
        return new TensorRef(ref, 0);
    }
}
