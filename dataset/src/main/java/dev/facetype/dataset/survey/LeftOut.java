package dev.facetype.dataset.survey;

import java.util.List;

/**
 * A candidate person who represents no type, and why.
 *
 * @param person    the person
 * @param reason    why
 * @param types     the type(s) concerned: the most chosen one, or the tied ones; empty for {@link Reason#NO_ANSWERS}
 * @param agreement the share of the most chosen type
 * @param rank      for {@link Reason#NOT_IN_TOP}, the person's place among the type's people; else 0
 */
public record LeftOut(String person, Reason reason, List<String> types, double agreement, int rank) {

    /** Why a person was left out. */
    public enum Reason {
        /** No respondent gave this person a type (every answer blank or not a type). */
        NO_ANSWERS,
        /** Two or more types share the most votes. */
        TIE,
        /** The most chosen type has less than the minimum agreement. */
        BELOW_AGREEMENT,
        /** The type has enough people who are more clearly of it. */
        NOT_IN_TOP
    }

    public LeftOut {
        types = List.copyOf(types);
    }
}
