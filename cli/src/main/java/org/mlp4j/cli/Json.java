package org.mlp4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.eval.Evaluation;

/** The {@code --json} outputs: one JSON object on stdout and nothing else there. Field names are a contract. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static void print(PrintStream out, Map<String, ?> object) {
        try {
            out.println(MAPPER.writeValueAsString(object));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finite number, or null where JSON has no NaN. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** {@code {"loss","accuracy","confusion","perClass"}} — the evaluate contract. */
    static Map<String, Object> evaluation(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", number(e.loss()));
        m.put("accuracy", number(e.accuracy()));
        if (e.isClassification()) {
            m.put("confusion", e.confusion());
            List<String> names = e.classNames();
            List<Map<String, Object>> perClass = new java.util.ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                Map<String, Object> pc = new LinkedHashMap<>();
                pc.put("class", names.get(c));
                pc.put("precision", e.precision(c));
                pc.put("recall", e.recall(c));
                pc.put("f1", e.f1(c));
                pc.put("support", e.support(c));
                perClass.add(pc);
            }
            m.put("perClass", perClass);
        }
        return m;
    }
}
