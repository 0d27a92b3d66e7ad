package dev.facetype.examples;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs for the example programs; unknown or malformed options stop with a message. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    Arguments(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            values.put(args[i], args[++i]);
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
