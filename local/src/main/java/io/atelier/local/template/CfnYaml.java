package io.atelier.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation/SAM YAML into plain maps and lists. The short-form tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, ...) become their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}), so the
 * resolver only deals with one shape, exactly as CloudFormation does after parsing.
 */
public final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of(
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
            "ToJsonString",
            "Length");

    private CfnYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new CfnConstructor()).load(in);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new TemplateException(file + " is not a YAML mapping");
            }
            return (Map<String, Object>) map;
        }
    }

    public static Map<String, Object> parse(String yaml) {
        Object doc = new Yaml(new CfnConstructor()).load(yaml);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = doc instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        return map;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            // CloudFormation keeps dates such as AWSTemplateFormatVersion as strings.
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return ((ScalarNode) node).getValue();
                }
            });
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode seq -> constructSequence(seq);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new TemplateException("unsupported YAML node for " + name);
                };
                if (name.equals("Fn::GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    if (dot < 0) {
                        throw new TemplateException("!GetAtt needs Resource.Attribute, got " + dotted);
                    }
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(name, value);
                return longForm;
            }
        }
    }
}
