package io.atelier.cutout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shipped model is the one the build checked: a file named {@code u2netp.onnx} whose bytes differ (a copy cut short
 * or rewritten while read) is refused when the session is made, rather than run and turned into wrong masks.
 * A deployer's own model, under another name, is taken as it is.
 */
final class ModelIntegrity {
    static final String U2NETP = "u2netp.onnx";
    /** The sum functions/natives/fetch-model.sh checks at build time. */
    static final String U2NETP_SHA256 = "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8";

    private ModelIntegrity() {}

    static byte[] checked(String label, byte[] model) {
        if (!U2NETP.equals(label)) return model;
        String sum = sha256(model);
        if (!U2NETP_SHA256.equals(sum)) {
            throw new IllegalStateException("The cut-out model " + label + " is damaged (" + model.length
                    + " bytes, sha256 " + sum + "); rebuild it with functions/natives/fetch-model.sh");
        }
        return model;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
