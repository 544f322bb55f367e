package io.atelier.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's Globals merge: maps merge key by key (the resource wins), lists concatenate (globals first), scalars and
 * intrinsic functions are replaced by the resource's value.
 */
final class SamGlobals {

    private SamGlobals() {}

    static Object merge(Object global, Object local) {
        if (local == null) {
            return global;
        }
        if (global == null) {
            return local;
        }
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
            Map<String, Object> out = new LinkedHashMap<>();
            g.forEach((k, v) -> out.put(String.valueOf(k), v));
            l.forEach((k, v) -> out.merge(String.valueOf(k), v, SamGlobals::merge));
            return out;
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> out = new ArrayList<>(g);
            out.addAll(l);
            return out;
        }
        return local;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
