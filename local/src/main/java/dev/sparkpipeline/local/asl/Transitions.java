package dev.sparkpipeline.local.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a state's {@link State#transitions()}: its Next, then its catchers' Next. */
final class Transitions {

    private Transitions() {}

    static Map<String, String> of(String next, List<Catcher> catchers) {
        Map<String, String> transitions = new LinkedHashMap<>();
        if (next != null) {
            transitions.put("Next", next);
        }
        for (int i = 0; i < catchers.size(); i++) {
            transitions.put("Catch[" + i + "].Next", catchers.get(i).next());
        }
        return Collections.unmodifiableMap(transitions);
    }
}
