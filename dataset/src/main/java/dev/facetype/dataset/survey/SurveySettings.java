package dev.facetype.dataset.survey;

import java.util.List;
import java.util.Objects;

/**
 * How representatives are chosen from a survey.
 *
 * @param perType      people kept per type, the most often assigned first (the study kept 4 of 7)
 * @param minAgreement the least share of a person's answers that must agree on one type (0..1); people below
 *                     it are left out as ambiguous
 * @param types        the types, in order; empty: every distinct answer of the candidate columns is a type
 * @param columns      the candidate columns by header or number ({@code 3}, {@code 3-30}); empty: every column
 *                     that is not form metadata
 * @param skipColumns  columns never counted, by header or number
 */
public record SurveySettings(int perType, double minAgreement, List<String> types, List<String> columns,
                             List<String> skipColumns) {

    /** The study's choice: 4 per type. */
    public static final int DEFAULT_PER_TYPE = 4;
    /** A person counts when at least half the answers agree. */
    public static final double DEFAULT_MIN_AGREEMENT = 0.5;

    public SurveySettings {
        if (perType < 1) {
            throw new IllegalArgumentException("people per type must be at least 1, got " + perType);
        }
        if (!(minAgreement >= 0 && minAgreement <= 1)) {
            throw new IllegalArgumentException("the minimum agreement must be in 0..1, got " + minAgreement);
        }
        types = List.copyOf(Objects.requireNonNull(types, "types"));
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        skipColumns = List.copyOf(Objects.requireNonNull(skipColumns, "skipColumns"));
    }

    /** 4 per type, agreement at least 0.5, types from the answers, candidate columns found. */
    public static SurveySettings defaults() {
        return new SurveySettings(DEFAULT_PER_TYPE, DEFAULT_MIN_AGREEMENT, List.of(), List.of(), List.of());
    }

    /** These settings with {@code perType} people per type. */
    public SurveySettings withPerType(int perType) {
        return new SurveySettings(perType, minAgreement, types, columns, skipColumns);
    }

    /** These settings with another agreement floor. */
    public SurveySettings withMinAgreement(double minAgreement) {
        return new SurveySettings(perType, minAgreement, types, columns, skipColumns);
    }

    /** These settings with the types given, in order. */
    public SurveySettings withTypes(List<String> types) {
        return new SurveySettings(perType, minAgreement, types, columns, skipColumns);
    }

    /** These settings with the candidate columns given. */
    public SurveySettings withColumns(List<String> columns) {
        return new SurveySettings(perType, minAgreement, types, columns, skipColumns);
    }

    /** These settings with columns left out. */
    public SurveySettings withSkipColumns(List<String> skipColumns) {
        return new SurveySettings(perType, minAgreement, types, columns, skipColumns);
    }
}
