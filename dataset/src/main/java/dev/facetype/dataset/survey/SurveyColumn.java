package dev.facetype.dataset.survey;

import java.util.Objects;

/**
 * One column of a survey export.
 *
 * @param index  the column's position, from 0
 * @param header the header as written
 * @param role   a candidate, or why not
 * @param person for a candidate, the person's name: the header, or the part in brackets of a Google Forms grid
 *               question ({@code 顔タイプは？ [候補 A]} names {@code 候補 A}); else empty
 */
public record SurveyColumn(int index, String header, ColumnRole role, String person) {

    public SurveyColumn {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(person, "person");
    }

    /** The column's number as a spreadsheet shows it, from 1. */
    public int number() {
        return index + 1;
    }
}
