package io.atelier.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * JSON as the Lambda Java runtime reads and writes it (aws-lambda-java-serialization: the same mixins and
 * naming rules for event classes, the same Jackson set-up for other types).
 */
public final class LambdaJson {

    private LambdaJson() {}

    public static byte[] toJson(Object value) {
        if (value == null) {
            return "null".getBytes();
        }
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) serializer(value.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        return serializer(type).fromJson(new ByteArrayInputStream(json));
    }

    /** The value as the given type: itself if it already is one, else through JSON as Lambda would pass it. */
    public static <T> T convert(Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        return fromJson(toJson(value), type);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : LambdaJson.class.getClassLoader();
        return LambdaEventSerializers.serializerFor(type, loader);
    }
}
