package dev.facetype.cli.web;

import dev.facetype.cnn.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of a model file with its types renamed, weights untouched: the London smile model answering in the
 * study's Japanese type names, to see them on the page.
 */
final class RenamedModel {

    private RenamedModel() {
    }

    /** Writes {@code target}: {@code source} with each type renamed by {@code names} (old name to new). */
    @SuppressWarnings("unchecked")
    static Path write(Path source, Path target, Map<String, String> names) throws IOException {
        ModelFile.Contents contents = ModelFile.read(source);
        Map<String, Object> metadata = new LinkedHashMap<>(contents.metadata());
        Map<String, Object> facetype = new LinkedHashMap<>((Map<String, Object>) metadata.get("facetype"));
        List<Object> renamed = new ArrayList<>();
        for (Object label : (List<Object>) facetype.get("labels")) {
            renamed.add(names.getOrDefault(String.valueOf(label), String.valueOf(label)));
        }
        facetype.put("labels", renamed);
        metadata.put("facetype", facetype);
        ModelFile.write(target, new ModelFile.Contents(contents.spec(), contents.seed(), metadata, contents.sections()));
        return target;
    }
}
