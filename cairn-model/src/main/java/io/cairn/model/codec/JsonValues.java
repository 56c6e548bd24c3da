package io.cairn.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads the scalar under the parser's current token leniently, as historical writers vary: numbers may come as
 * strings, booleans as strings, strings as numbers. Anything that is not a usable scalar is a {@link CodecException}.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Text of any scalar token (XStream's JSON writes numeric-looking metadata values as numbers). */
    static String text(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != null && t.isScalarValue()) {
            return p.getText();
        }
        throw notScalar(field, t);
    }

    static long longValue(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw WireValues.invalid(field, p.getText());
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return WireValues.parseLong(field, p.getText());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            // Only whole numbers in exponent or decimal notation (1.712E12); a fraction is not a timestamp or port.
            try {
                BigDecimal d = p.getDecimalValue();
                return d.longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw WireValues.invalid(field, p.getText());
            }
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            throw WireValues.invalid(field, p.getText());
        }
        throw notScalar(field, t);
    }

    static int intValue(JsonParser p, String field) throws IOException {
        return WireValues.toInt(field, longValue(p, field));
    }

    static boolean booleanValue(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        if (t == JsonToken.VALUE_STRING) {
            return WireValues.parseBoolean(field, p.getText());
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            // Jackson's own coercion: 0 is false, 1 is true; anything else is more likely a mistake.
            String n = p.getText();
            if (n.equals("0")) {
                return false;
            }
            if (n.equals("1")) {
                return true;
            }
            throw WireValues.invalid(field, n);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw WireValues.invalid(field, p.getText());
        }
        throw notScalar(field, t);
    }

    /** Rejects anything but an object under the current token. */
    static void expectObject(JsonParser p, String field) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new CodecException(field + " must be an object");
        }
    }

    private static CodecException notScalar(String field, JsonToken t) {
        String what = t == JsonToken.START_OBJECT ? "an object"
                : t == JsonToken.START_ARRAY ? "an array" : String.valueOf(t);
        return new CodecException(field + " must be a single value, not " + what);
    }
}
