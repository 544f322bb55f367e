package io.atelier.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates CloudFormation intrinsic functions over a parsed (long-form) template node. Names are looked up
 * in the {@link Template} (parameters, pseudo-parameters, resources, conditions, mappings).
 */
final class Resolver {

    /** {@code Ref: AWS::NoValue}: the enclosing key or list item disappears. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template template;

    Resolver(Template template) {
        this.template = template;
    }

    Object resolve(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.get(key));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object value = resolve(v);
                if (value != NO_VALUE) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                Object value = resolve(item);
                if (value != NO_VALUE) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    /** A condition expression: {@code Fn::Equals/And/Or/Not}, {@code {Condition: Name}} or a boolean. */
    boolean condition(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
            return template.condition(str(resolve(map.get("Condition"))));
        }
        Object value = resolve(node);
        if (value instanceof Boolean b) {
            return b;
        }
        String s = str(value);
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new TemplateException("not a condition: " + node);
    }

    private Object intrinsic(String fn, Object arg) {
        return switch (fn) {
            case "Ref" -> template.ref(str(resolve(arg)));
            case "Fn::GetAtt" -> {
                List<?> args = list(fn, resolve(arg), 2);
                yield template.getAtt(str(args.get(0)), str(args.get(1)));
            }
            case "Fn::Sub" -> sub(arg);
            case "Fn::If" -> {
                List<?> args = list(fn, arg, 3);
                yield template.condition(str(resolve(args.get(0)))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals" -> {
                List<?> args = list(fn, arg, 2);
                yield str(resolve(args.get(0))).equals(str(resolve(args.get(1))));
            }
            case "Fn::Not" -> !condition(list(fn, arg, 1).get(0));
            case "Fn::And" -> list(fn, arg, -1).stream().allMatch(this::condition);
            case "Fn::Or" -> list(fn, arg, -1).stream().anyMatch(this::condition);
            case "Fn::Select" -> {
                List<?> args = list(fn, arg, 2);
                int index = Integer.parseInt(str(resolve(args.get(0))));
                List<?> items = list(fn, resolve(args.get(1)), -1);
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException("Fn::Select index " + index + " out of range for " + items);
                }
                yield items.get(index);
            }
            case "Fn::Split" -> {
                List<?> args = list(fn, arg, 2);
                String delimiter = str(resolve(args.get(0)));
                String source = str(resolve(args.get(1)));
                yield List.of(source.split(java.util.regex.Pattern.quote(delimiter), -1));
            }
            case "Fn::Join" -> {
                List<?> args = list(fn, arg, 2);
                String delimiter = str(resolve(args.get(0)));
                List<String> parts = new ArrayList<>();
                for (Object part : list(fn, resolve(args.get(1)), -1)) {
                    parts.add(str(part));
                }
                yield String.join(delimiter, parts);
            }
            case "Fn::FindInMap" -> {
                List<?> args = list(fn, arg, -1);
                yield template.findInMap(
                        str(resolve(args.get(0))),
                        str(resolve(args.get(1))),
                        str(resolve(args.get(2))),
                        args.size() > 3 ? resolve(args.get(3)) : null);
            }
            case "Fn::Base64" ->
                Base64.getEncoder().encodeToString(str(resolve(arg)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" ->
                List.of(
                        template.identity().region() + "a",
                        template.identity().region() + "b",
                        template.identity().region() + "c");
            case "Fn::Length" -> list(fn, resolve(arg), -1).size();
            case "Fn::ToJsonString" -> {
                try {
                    yield JSON.writeValueAsString(resolve(arg));
                } catch (JsonProcessingException e) {
                    throw new TemplateException("Fn::ToJsonString: " + e.getMessage(), e);
                }
            }
            default -> throw new TemplateException(fn + " is not supported by the local runner");
        };
    }

    private String sub(Object arg) {
        String text;
        Map<?, ?> vars = Map.of();
        if (arg instanceof List<?> args) {
            text = str(resolve(args.get(0)));
            if (args.size() > 1 && args.get(1) instanceof Map<?, ?> m) {
                vars = m;
            }
        } else {
            text = str(arg);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException("Fn::Sub: unclosed ${ in " + text);
            }
            out.append(text, i, start);
            String name = text.substring(start + 2, end).trim();
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else if (vars.containsKey(name)) {
                out.append(str(resolve(vars.get(name))));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                out.append(str(template.getAtt(name.substring(0, dot), name.substring(dot + 1))));
            } else {
                out.append(str(template.ref(name)));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static List<?> list(String fn, Object arg, int size) {
        if (!(arg instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new TemplateException(fn + " expects a list" + (size >= 0 ? " of " + size : "") + ", got " + arg);
        }
        return list;
    }

    /** CloudFormation's scalar-to-string view: numbers and booleans as written. */
    static String str(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("expected a scalar, got " + value);
        }
        return String.valueOf(value);
    }
}
