package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.FieldError;
import io.atelier.model.Placement;
import java.util.List;

/**
 * Where an upload's files are filed: the request's {@code project} and {@code namePattern} for all of them, each
 * file's own {@code project}, {@code sku} and {@code role} first. A file that names no SKU takes it from its name by
 * the pattern; one that does not follow the pattern is an error naming the file.
 */
final class UploadPlacements {
    private final String project;
    private final NamePattern pattern;

    private UploadPlacements(String project, NamePattern pattern) {
        this.project = project;
        this.pattern = pattern;
    }

    static UploadPlacements of(JsonNode body, List<FieldError> errors) {
        String project = token(body, "project", "project", errors);
        NamePattern pattern = null;
        JsonNode patternText = body.get("namePattern");
        if (patternText != null && !patternText.isNull()) {
            try {
                pattern = NamePattern.of(patternText.isTextual() ? patternText.asText() : null);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("namePattern", e.getMessage()));
            }
            if (project == null)
                errors.add(
                        new FieldError("project", "a name pattern files images by SKU in a project; name the project"));
        }
        return new UploadPlacements(project, pattern);
    }

    Placement of(JsonNode file, String at, String name, List<FieldError> errors) {
        String fileProject = token(file, "project", at + ".project", errors);
        String sku = token(file, "sku", at + ".sku", errors);
        String role = token(file, "role", at + ".role", errors);
        String inProject = fileProject != null ? fileProject : project;
        if (sku == null && pattern != null) {
            var matched = pattern.match(inProject, name);
            if (matched.isEmpty()) {
                errors.add(new FieldError(
                        at + ".name", "\"" + FileNames.display(name) + "\" does not follow the pattern " + pattern));
                return Placement.NONE;
            }
            sku = matched.get().sku();
            if (role == null) role = matched.get().role();
        }
        if ((sku != null || role != null) && inProject == null)
            errors.add(new FieldError(at + ".project", "a SKU or role is filed in a project; name the project"));
        return new Placement(inProject, sku, role);
    }

    private static String token(JsonNode node, String field, String at, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) {
            errors.add(new FieldError(at, "must be a string"));
            return null;
        }
        var problem = Placements.problem(value.asText());
        if (problem.isPresent()) {
            errors.add(new FieldError(at, problem.get()));
            return null;
        }
        return value.asText();
    }
}
