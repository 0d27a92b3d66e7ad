package dev.facetype.dataset.survey;

/**
 * A person chosen to represent a type.
 *
 * @param person the person, as the header names them
 * @param type   the type
 * @param rank   1 for the person most clearly of the type
 * @param share  the share of the person's valid answers that chose the type
 * @param votes  the answers that chose the type
 */
public record Representative(String person, String type, int rank, double share, int votes) {
}
