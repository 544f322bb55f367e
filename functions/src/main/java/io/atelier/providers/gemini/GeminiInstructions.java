package io.atelier.providers.gemini;

import java.util.Map;

/**
 * Gemini has one endpoint for everything; the operation is carried by the instruction sent with the image. These
 * sentences are part of Atelier's behaviour: each keeps what the operation must not change explicit.
 */
final class GeminiInstructions {
    private GeminiInstructions() {}

    static String compose(String operation, String prompt, Map<String, Object> params) {
        String userPrompt = prompt == null || prompt.isBlank() ? null : prompt.trim();
        return switch (operation) {
            case "generate", "edit" -> userPrompt;
            case "replace-background" ->
                "Keep the main subject of this image exactly as it is (its shape, pose, colours and details) "
                        + "and replace the background with: " + userPrompt;
            case "style" -> {
                String style = GeminiParams.style(params);
                String restyle = "Restyle this image as " + (style != null ? style : userPrompt)
                        + ", keeping its composition and subject recognisable.";
                // With both, params.style names the style and the prompt adds guidance.
                yield style != null && userPrompt != null ? restyle + " " + userPrompt : restyle;
            }
            case "outpaint" ->
                "Extend this image outward to a " + GeminiParams.aspectRatio(params)
                        + " aspect ratio. Keep the original "
                        + "image content unchanged and fill the new area naturally so it continues the scene seamlessly."
                        + (userPrompt == null ? "" : " Guidance for the new area: " + userPrompt);
            default -> throw new IllegalArgumentException("Gemini cannot " + operation);
        };
    }
}
