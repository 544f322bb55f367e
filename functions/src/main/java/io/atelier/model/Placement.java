package io.atelier.model;

/**
 * Where an image sits in a catalogue: its project, its SKU (product) and its role among the SKU's images
 * ({@code main}, {@code extra-1}…). Any part may be null; an image without a project is in none.
 */
public record Placement(String project, String sku, String role) {
    public static final Placement NONE = new Placement(null, null, null);

    public boolean inProject() {
        return project != null;
    }
}
