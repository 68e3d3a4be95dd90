package org.deepjunit.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Coverage data as JSON without its growth ordinals: what merging in any order must give the same, while the growth
 * curve follows the order in which inputs were merged (see {@link Growth}).
 */
public final class OrderFree {

    private OrderFree() {}

    public static JsonNode json(CoverageData data) {
        ObjectNode json = data.toJson();
        for (JsonNode model : json.path("models")) {
            ((ObjectNode) model).remove("growth");
            for (JsonNode layer : model.path("layers")) {
                ((ObjectNode) layer).remove("firstNc");
                ((ObjectNode) layer).remove("firstTopK");
            }
        }
        return json;
    }
}
