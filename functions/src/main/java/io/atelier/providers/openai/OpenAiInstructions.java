package io.atelier.providers.openai;

/** The prompt sent for each operation: the user's own for generate and edit, an instruction around it otherwise. */
final class OpenAiInstructions {
    private OpenAiInstructions() {}

    static String compose(String operation, String prompt) {
        String user = prompt == null || prompt.isBlank() ? null : prompt.trim();
        return switch (operation) {
            case "generate", "edit" -> user;
            case "replace-background" ->
                "Keep the main subject of this image exactly as it is (its shape, pose, colours and details) "
                        + "and replace the background with: " + user;
            case "remove-background" ->
                "Remove the background completely and keep only the main subject, unchanged, on a fully "
                        + "transparent background." + (user == null ? "" : " The subject: " + user);
            default -> throw new IllegalArgumentException("OpenAI cannot " + operation);
        };
    }
}
