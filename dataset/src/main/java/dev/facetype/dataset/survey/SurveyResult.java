package dev.facetype.dataset.survey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a survey says: every column's role, every candidate's votes, the representatives of each type and
 * everyone left out with the reason. Made by {@link SurveyAnalysis#analyse}.
 *
 * @param table           the survey as read
 * @param settings        the settings used
 * @param columns         every column with its role
 * @param types           the types, in order: as given, else as first answered
 * @param typesGiven      whether the types were given rather than taken from the answers
 * @param people          the candidates' votes, in column order
 * @param representatives each type's chosen people, most clearly of the type first (every type has an entry)
 * @param leftOut         the candidates who represent no type, in column order
 * @param cutoffTies      people tied at a type's cut-off, where column order decided
 */
public record SurveyResult(SurveyTable table, SurveySettings settings, List<SurveyColumn> columns, List<String> types,
                           boolean typesGiven, List<PersonVotes> people, Map<String, List<Representative>> representatives,
                           List<LeftOut> leftOut, List<CutoffTie> cutoffTies) {

    public SurveyResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        people = List.copyOf(people);
        Map<String, List<Representative>> copy = new LinkedHashMap<>();
        representatives.forEach((type, chosen) -> copy.put(type, List.copyOf(chosen)));
        representatives = Collections.unmodifiableMap(copy);
        leftOut = List.copyOf(leftOut);
        cutoffTies = List.copyOf(cutoffTies);
    }

    /** The respondents: rows with at least one answer. */
    public int respondents() {
        return table.rows().size();
    }

    /** Blank answers about candidates, over all candidates. */
    public int blankAnswers() {
        return people.stream().mapToInt(PersonVotes::blank).sum();
    }

    /** Answers about candidates that are not a type, with how often each was given, over all candidates. */
    public Map<String, Integer> otherAnswers() {
        Map<String, Integer> all = new LinkedHashMap<>();
        people.forEach(p -> p.otherAnswers().forEach((answer, n) -> all.merge(answer, n, Integer::sum)));
        return all;
    }

    /** The columns that are not candidates. */
    public List<SurveyColumn> skippedColumns() {
        return columns.stream().filter(c -> !c.role().isCandidate()).toList();
    }

    /** The types with fewer representatives than asked for. */
    public List<String> shortTypes() {
        List<String> fewer = new ArrayList<>();
        representatives.forEach((type, chosen) -> {
            if (chosen.size() < settings.perType()) {
                fewer.add(type);
            }
        });
        return fewer;
    }

    /** Each type's chosen people's names, for {@link RepresentativeFolders}. */
    public Map<String, List<String>> chosenPeople() {
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        representatives.forEach((type, list) -> chosen.put(type, list.stream().map(Representative::person).toList()));
        return chosen;
    }
}
