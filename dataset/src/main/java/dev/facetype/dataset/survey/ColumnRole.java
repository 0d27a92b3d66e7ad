package dev.facetype.dataset.survey;

/** What a column of a survey export is: a candidate person whose answers are counted, or why it is not. */
public enum ColumnRole {
    /** A candidate person: each answer is the type a respondent chose. */
    CANDIDATE,
    /** A column the form itself adds, known by its header: Google Forms' timestamp, Microsoft Forms' ID, ... */
    FORM_METADATA,
    /** Every answer is a date and time. */
    TIMESTAMPS,
    /** Every answer is an e-mail address. */
    EMAIL_ADDRESSES,
    /** Every answer is a different whole number. */
    RESPONDENT_IDS,
    /** The types were given, and none of this column's answers is one of them. */
    NO_ANSWER_IS_A_TYPE,
    /**
     * The types were not given, and this column has two or more different answers, none of which appears in
     * another column: a question about something else, such as age.
     */
    SHARES_NO_ANSWER,
    /** Left out with the skip list. */
    SKIPPED_BY_USER,
    /** Not in the list of candidate columns the user gave. */
    NOT_LISTED,
    /** No name and no answer (Excel's trailing empty columns). */
    BLANK;

    /** True for a candidate person. */
    public boolean isCandidate() {
        return this == CANDIDATE;
    }
}
