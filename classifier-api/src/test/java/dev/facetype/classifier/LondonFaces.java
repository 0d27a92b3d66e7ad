package dev.facetype.classifier;

import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceSample;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.SplitMode;
import dev.facetype.testing.SharedData;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.PhotoPreparer;
import dev.facetype.vision.PreparedPhoto;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.quality.QualitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A real, person-split neutral-vs-smiling set: the London faces' whole 512x512 photos run through the same
 * detect-and-crop pipeline predictions use, assembled directly (the dataset module's folder pipeline is
 * tested on its own): 102 people, about 70 % of them for training.
 */
final class LondonFaces {

    static final List<String> LABELS = List.of("neutral", "smiling");

    private LondonFaces() {
    }

    static DatasetSplit split(CropSettings crop, long seed) throws Exception {
        Path root = SharedData.require("data/london-faces/derived/frames_512");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<FaceSample> samples = new ArrayList<>();
        TreeSet<String> people = new TreeSet<>();
        try (PhotoPreparer preparer = PhotoPreparer.builder().cropSettings(crop)
                .qualitySettings(QualitySettings.acceptAll()).build()) {
            for (int label = 0; label < LABELS.size(); label++) {
                try (var files = Files.list(root.resolve(LABELS.get(label)))) {
                    for (Path file : files.sorted().toList()) {
                        String person = file.getFileName().toString().replace(".jpg", "");
                        PreparedPhoto prepared = preparer.prepare(file);
                        if (!prepared.kept()) {
                            throw new IllegalStateException(file + ": " + prepared.rejections());
                        }
                        RasterImage image = prepared.faces().get(0).image();
                        String hash = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
                        samples.add(new FaceSample(samples.size(), LABELS.get(label) + "/" + file.getFileName(), hash,
                                label, person, image));
                        people.add(person);
                    }
                }
            }
        }
        List<String> shuffled = new ArrayList<>(people);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        List<String> trainPeople = shuffled.subList(0, (int) Math.round(shuffled.size() * 0.7));
        List<SampleRef> train = new ArrayList<>();
        List<SampleRef> test = new ArrayList<>();
        for (FaceSample sample : samples) {
            if (trainPeople.contains(sample.person())) {
                for (int variant = 0; variant < 16; variant++) {
                    train.add(new SampleRef(sample, variant));
                }
            } else {
                test.add(SampleRef.original(sample));
            }
        }
        return new DatasetSplit(LABELS, SplitMode.BY_PERSON, seed, "london-faces/frames_512", train, List.of(), test, List.of());
    }
}
