package dev.facetype.dataset.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answers about one candidate person.
 *
 * @param person       the person's name, as the header gives it
 * @param column       the column the answers are in
 * @param types        the survey's types, in order
 * @param votes        how many respondents chose each type, in the order of {@code types}
 * @param blank        respondents who left the person blank
 * @param otherAnswers answers that are not a type (as written, trimmed), with how often each was given
 */
public record PersonVotes(String person, SurveyColumn column, List<String> types, List<Integer> votes, int blank,
                          Map<String, Integer> otherAnswers) {

    public PersonVotes {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(column, "column");
        types = List.copyOf(types);
        votes = List.copyOf(votes);
        otherAnswers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherAnswers));
        if (types.size() != votes.size()) {
            throw new IllegalArgumentException(types.size() + " types but " + votes.size() + " vote counts");
        }
    }

    /** Answers that name a type: the denominator of every share. */
    public int valid() {
        return votes.stream().mapToInt(Integer::intValue).sum();
    }

    /** Answers that are not a type. */
    public int other() {
        return otherAnswers.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The votes for {@code type}, 0 for a type not in the survey. */
    public int votesFor(String type) {
        int index = types.indexOf(type);
        return index < 0 ? 0 : votes.get(index);
    }

    /** The share of the valid answers that chose {@code type}, 0..1 (0 with no valid answer). */
    public double share(String type) {
        int valid = valid();
        return valid == 0 ? 0 : (double) votesFor(type) / valid;
    }

    /** The share of the most chosen type: how far the respondents agree on this person. */
    public double agreement() {
        int valid = valid();
        return valid == 0 ? 0 : (double) votes.stream().mapToInt(Integer::intValue).max().orElse(0) / valid;
    }

    /** The most chosen types: one, or several on a tie, or none without a valid answer. */
    public List<String> topTypes() {
        int most = votes.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> top = new ArrayList<>();
        for (int i = 0; i < types.size() && most > 0; i++) {
            if (votes.get(i) == most) {
                top.add(types.get(i));
            }
        }
        return top;
    }
}
