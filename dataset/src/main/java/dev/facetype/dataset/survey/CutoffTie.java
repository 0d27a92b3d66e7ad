package dev.facetype.dataset.survey;

import java.util.List;

/**
 * People tied at a type's cut-off: same share and votes, some kept and some not, decided by column order.
 *
 * @param type    the type
 * @param kept    the tied people kept (earlier columns)
 * @param notKept the tied people left out
 * @param share   their share
 */
public record CutoffTie(String type, List<String> kept, List<String> notKept, double share) {

    public CutoffTie {
        kept = List.copyOf(kept);
        notKept = List.copyOf(notKept);
    }
}
