package dev.facetype.dataset.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The study's way of choosing who represents each type (its section 2.1): every respondent puts every candidate
 * in a type; a person belongs to the type most respondents chose for them, if that choice is clear (no tie, and
 * at least the minimum agreement); each type keeps the {@code perType} people most clearly of it.
 *
 * <p>Counting: a blank answer, or one that is not a type, is not a vote; shares are of the valid answers. The
 * types are the ones given, compared as {@link Answers} does (NFKC, spaces and Latin case ignored), or, when
 * none are given, every distinct answer of the candidate columns, in the order first answered. Ranking within a
 * type: higher share, then more votes, then the earlier column; a tie at the cut-off is reported.
 */
public final class SurveyAnalysis {

    private SurveyAnalysis() {
    }

    /**
     * Counts the survey and chooses the representatives.
     *
     * @throws SurveyException when a type is given twice, a listed column is unknown, no candidate column is
     *     left, a candidate column has no name, or two columns name the same person
     */
    public static SurveyResult analyse(SurveyTable table, SurveySettings settings) {
        Map<String, String> givenTypes = givenTypes(table, settings.types());
        List<SurveyColumn> columns = SurveyColumns.classify(table, settings, givenTypes.keySet());
        List<SurveyColumn> candidates = columns.stream().filter(c -> c.role().isCandidate()).toList();
        Map<String, String> types = givenTypes.isEmpty() ? typesAnswered(table, candidates) : givenTypes;
        if (candidates.isEmpty() || types.isEmpty()) {
            throw noCandidates(table, columns, givenTypes);
        }
        List<String> typeNames = List.copyOf(types.values());
        List<PersonVotes> people = new ArrayList<>();
        for (SurveyColumn column : candidates) {
            people.add(count(table, column, types, typeNames));
        }
        return choose(table, settings, columns, typeNames, !givenTypes.isEmpty(), people);
    }

    /** The given types by comparison key, as written. */
    private static Map<String, String> givenTypes(SurveyTable table, List<String> given) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String type : given) {
            String shown = Answers.shown(type);
            if (shown.isEmpty()) {
                continue;
            }
            if (types.putIfAbsent(Answers.key(shown), shown) != null) {
                throw new SurveyException(SurveyException.Problem.DUPLICATE_TYPE, table.file(), List.of(shown),
                        "the type '" + shown + "' is given twice");
            }
        }
        return types;
    }

    /** Every distinct answer of the candidate columns, row by row, as first written. */
    private static Map<String, String> typesAnswered(SurveyTable table, List<SurveyColumn> candidates) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int row = 0; row < table.rows().size(); row++) {
            for (SurveyColumn column : candidates) {
                String answer = table.cell(row, column.index());
                String key = Answers.key(answer);
                if (!key.isEmpty()) {
                    types.putIfAbsent(key, Answers.shown(answer));
                }
            }
        }
        return types;
    }

    private static PersonVotes count(SurveyTable table, SurveyColumn column, Map<String, String> types,
                                     List<String> typeNames) {
        Map<String, Integer> votes = new HashMap<>();
        Map<String, Integer> other = new LinkedHashMap<>();
        int blank = 0;
        for (int row = 0; row < table.rows().size(); row++) {
            String answer = table.cell(row, column.index());
            String key = Answers.key(answer);
            if (key.isEmpty()) {
                blank++;
            } else if (types.containsKey(key)) {
                votes.merge(types.get(key), 1, Integer::sum);
            } else {
                other.merge(Answers.shown(answer), 1, Integer::sum);
            }
        }
        List<Integer> counts = typeNames.stream().map(t -> votes.getOrDefault(t, 0)).toList();
        return new PersonVotes(column.person(), column, typeNames, counts, blank, other);
    }

    private static SurveyResult choose(SurveyTable table, SurveySettings settings, List<SurveyColumn> columns,
                                       List<String> types, boolean typesGiven, List<PersonVotes> people) {
        Map<String, LeftOut> leftOut = new HashMap<>();
        Map<String, List<PersonVotes>> byType = new LinkedHashMap<>();
        types.forEach(t -> byType.put(t, new ArrayList<>()));
        for (PersonVotes person : people) {
            List<String> top = person.topTypes();
            if (top.isEmpty()) {
                leftOut.put(person.person(), new LeftOut(person.person(), LeftOut.Reason.NO_ANSWERS, List.of(), 0, 0));
            } else if (top.size() > 1) {
                leftOut.put(person.person(), new LeftOut(person.person(), LeftOut.Reason.TIE, top, person.agreement(), 0));
            } else if (person.agreement() < settings.minAgreement() - 1e-12) {
                leftOut.put(person.person(), new LeftOut(person.person(), LeftOut.Reason.BELOW_AGREEMENT, top,
                        person.agreement(), 0));
            } else {
                byType.get(top.get(0)).add(person);
            }
        }
        Map<String, List<Representative>> representatives = new LinkedHashMap<>();
        List<CutoffTie> ties = new ArrayList<>();
        for (Map.Entry<String, List<PersonVotes>> entry : byType.entrySet()) {
            String type = entry.getKey();
            List<PersonVotes> ranked = new ArrayList<>(entry.getValue());
            Comparator<PersonVotes> clearest = clearestFirst(type);
            ranked.sort(clearest.thenComparingInt(p -> p.column().index()));
            List<Representative> chosen = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                PersonVotes person = ranked.get(i);
                if (i < settings.perType()) {
                    chosen.add(new Representative(person.person(), type, i + 1, person.share(type), person.votesFor(type)));
                } else {
                    leftOut.put(person.person(), new LeftOut(person.person(), LeftOut.Reason.NOT_IN_TOP, List.of(type),
                            person.agreement(), i + 1));
                }
            }
            representatives.put(type, chosen);
            if (ranked.size() > settings.perType()) {
                PersonVotes last = ranked.get(settings.perType() - 1);
                List<String> kept = new ArrayList<>();
                List<String> notKept = new ArrayList<>();
                for (int i = 0; i < ranked.size(); i++) {
                    if (clearest.compare(ranked.get(i), last) == 0) {
                        (i < settings.perType() ? kept : notKept).add(ranked.get(i).person());
                    }
                }
                if (!notKept.isEmpty()) {
                    ties.add(new CutoffTie(type, kept, notKept, last.share(type)));
                }
            }
        }
        List<LeftOut> inColumnOrder = people.stream().map(p -> leftOut.get(p.person())).filter(l -> l != null).toList();
        return new SurveyResult(table, settings, columns, types, typesGiven, people, representatives, inColumnOrder, ties);
    }

    /** Higher share of {@code type} first (compared exactly, as fractions), then more votes. */
    private static Comparator<PersonVotes> clearestFirst(String type) {
        return (a, b) -> {
            long shareOrder = (long) b.votesFor(type) * a.valid() - (long) a.votesFor(type) * b.valid();
            return shareOrder != 0 ? Long.signum(shareOrder) : Integer.compare(b.votesFor(type), a.votesFor(type));
        };
    }

    private static SurveyException noCandidates(SurveyTable table, List<SurveyColumn> columns,
                                                Map<String, String> givenTypes) {
        Set<String> seen = new LinkedHashSet<>();
        for (SurveyColumn column : columns) {
            if (column.role() == ColumnRole.NO_ANSWER_IS_A_TYPE || column.role().isCandidate()) {
                for (int row = 0; row < table.rows().size() && seen.size() < 12; row++) {
                    String answer = Answers.shown(table.cell(row, column.index()));
                    if (!answer.isEmpty()) {
                        seen.add(answer);
                    }
                }
            }
        }
        String types = String.join(", ", givenTypes.values());
        String answers = String.join(", ", seen);
        String message = table.file() + ": no column to count: " + (givenTypes.isEmpty()
                ? "every column is form metadata, left out or blank"
                : "no answer is one of the types " + types + (seen.isEmpty() ? "" : " (answers seen: " + answers + ")"))
                + "; name the candidate columns";
        return new SurveyException(SurveyException.Problem.NO_CANDIDATES, table.file(), List.of(types, answers), message);
    }
}
