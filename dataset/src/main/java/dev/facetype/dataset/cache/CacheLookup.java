package dev.facetype.dataset.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a cache read: a hit with its value, a miss, or a corrupt entry (which the caller recomputes
 * and overwrites; it is never trusted).
 *
 * @param status what was found
 * @param value  the value of a hit
 * @param problem what was wrong with a corrupt entry, empty otherwise
 */
public record CacheLookup<T>(Status status, Optional<T> value, String problem) {

    /** What a read found. */
    public enum Status {
        /** A sound entry for this key. */
        HIT,
        /** No entry. */
        MISS,
        /** An entry that fails its checks (checksum, key, format); to be recomputed. */
        CORRUPT
    }

    public CacheLookup {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(problem, "problem");
        if (value.isPresent() != (status == Status.HIT)) {
            throw new IllegalArgumentException("a hit, and only a hit, has a value");
        }
    }

    static <T> CacheLookup<T> hit(T value) {
        return new CacheLookup<>(Status.HIT, Optional.of(value), "");
    }

    static <T> CacheLookup<T> miss() {
        return new CacheLookup<>(Status.MISS, Optional.empty(), "");
    }

    static <T> CacheLookup<T> corrupt(String problem) {
        return new CacheLookup<>(Status.CORRUPT, Optional.empty(), problem);
    }
}
