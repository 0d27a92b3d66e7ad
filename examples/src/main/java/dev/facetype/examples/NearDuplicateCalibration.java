package dev.facetype.examples;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.ImageAdjustments;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.GaussianBlur;
import dev.facetype.vision.ops.Resize;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.QualitySettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * How the near-duplicate limit was chosen: Hamming distances of the 256-bit perceptual hash between copies
 * of a photo (re-encoded, resized, blurred, brightened, gray, cropped by 3 %) and between different photos
 * (different London people; one Yale or JAFFE person in different expressions of one session).
 *
 * <pre>
 *   examples/run NearDuplicateCalibration [--data ../shared/data] [--limit 12]
 * </pre>
 */
public final class NearDuplicateCalibration {

    private NearDuplicateCalibration() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Path data = Path.of(arguments.text("--data", "../shared/data"));
        int limit = arguments.integer("--limit", QualitySettings.DEFAULT_MAX_HASH_DISTANCE);
        ImageLoader loader = new ImageLoader();

        Map<String, UnaryOperator<RasterImage>> copies = new java.util.LinkedHashMap<>();
        copies.put("JPEG quality 50", image -> reencode(image, loader));
        copies.put("resized to 200 px", image -> Resize.to(image, 200, 200));
        copies.put("blurred (sigma 1.5 px)", image -> GaussianBlur.apply(image, 1.5));
        copies.put("brighter by 15 levels", image -> ImageAdjustments.shiftBrightness(image, 15));
        copies.put("gray", RasterImage::toGray);
        copies.put("cropped by 3 % per side", image -> Resize.region(image, 15, 15, 482, 482, 512, 512));

        List<Path> london = BlurCalibration.files(data.resolve("london-faces/derived/frames_512/neutral"), ".jpg");
        List<PerceptualHash> londonHashes = new ArrayList<>();
        Map<String, List<Integer>> copyDistances = new java.util.LinkedHashMap<>();
        List<Integer> neutralVsSmiling = new ArrayList<>();
        for (Path file : london) {
            RasterImage photo = loader.load(file);
            PerceptualHash hash = PerceptualHash.of(photo);
            londonHashes.add(hash);
            copies.forEach((name, copy) -> copyDistances.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(hash.distance(PerceptualHash.of(copy.apply(photo)))));
            Path smiling = file.getParent().resolveSibling("smiling").resolve(file.getFileName());
            neutralVsSmiling.add(hash.distance(PerceptualHash.of(loader.load(smiling))));
        }
        List<Integer> differentPeople = new ArrayList<>();
        for (int i = 0; i < londonHashes.size(); i++) {
            for (int j = i + 1; j < londonHashes.size(); j++) {
                differentPeople.add(londonHashes.get(i).distance(londonHashes.get(j)));
            }
        }
        Map<String, List<PerceptualHash>> yale = new TreeMap<>();
        for (Path file : BlurCalibration.files(data.resolve("yalefaces"), "")) {
            String name = file.getFileName().toString();
            // "noglasses" repeats "normal" for some subjects: leave it out of the distinct-photo pairs.
            if (name.startsWith("subject") && !name.endsWith(".noglasses")) {
                yale.computeIfAbsent(name.substring(0, 9), k -> new ArrayList<>()).add(PerceptualHash.of(loader.load(file)));
            }
        }
        Map<String, List<PerceptualHash>> jaffe = new TreeMap<>();
        for (Path file : BlurCalibration.files(data.resolve("jaffe/images"), ".tiff")) {
            jaffe.computeIfAbsent(file.getFileName().toString().substring(0, 2), k -> new ArrayList<>())
                    .add(PerceptualHash.of(loader.load(file)));
        }
        // Yale's "normal" and "noglasses" are the very same picture for some subjects and two photos for others.
        List<Integer> yaleIdentical = new ArrayList<>();
        List<Integer> yaleDifferent = new ArrayList<>();
        for (int subject = 1; subject <= 15; subject++) {
            String prefix = String.format(Locale.ROOT, "subject%02d.", subject);
            RasterImage normal = loader.load(data.resolve("yalefaces").resolve(prefix + "normal"));
            RasterImage noGlasses = loader.load(data.resolve("yalefaces").resolve(prefix + "noglasses"));
            int distance = PerceptualHash.of(normal).distance(PerceptualHash.of(noGlasses));
            (normal.equals(noGlasses) ? yaleIdentical : yaleDifferent).add(distance);
        }

        System.out.printf(Locale.ROOT, "Hamming distances of the %d-bit perceptual hash; limit %d%n%n", PerceptualHash.BITS, limit);
        System.out.println("| pairs | count | min | median | max | within the limit |");
        System.out.println("|---|---|---|---|---|---|");
        copyDistances.forEach((name, d) -> printRow("London photo vs its copy, " + name, d, limit));
        printRow("Yale normal vs noglasses, pixel-identical pictures", yaleIdentical, limit);
        printRow("Yale normal vs noglasses, two different photos", yaleDifferent, limit);
        printRow("London: two different people", differentPeople, limit);
        printRow("London: one person, neutral vs smiling", neutralVsSmiling, limit);
        printRow("Yale: one person, two conditions", withinGroups(yale), limit);
        printRow("JAFFE: one person, two photos", withinGroups(jaffe), limit);
    }

    private static List<Integer> withinGroups(Map<String, List<PerceptualHash>> groups) {
        List<Integer> distances = new ArrayList<>();
        for (List<PerceptualHash> hashes : groups.values()) {
            for (int i = 0; i < hashes.size(); i++) {
                for (int j = i + 1; j < hashes.size(); j++) {
                    distances.add(hashes.get(i).distance(hashes.get(j)));
                }
            }
        }
        return distances;
    }

    private static void printRow(String name, List<Integer> distances, int limit) {
        Distribution d = new Distribution(distances);
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %s |%n", name, d.count(), d.min(), d.percentile(0.5),
                d.max(), Distribution.percent(d.countAtMost(limit), d.count()));
    }

    private static RasterImage reencode(RasterImage image, ImageLoader loader) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.5f);
                BufferedImage buffered = image.toBufferedImage();
                writer.write(null, new IIOImage(buffered, null, null), param);
            } finally {
                writer.dispose();
            }
            return loader.load(bytes.toByteArray(), "re-encoded copy");
        } catch (Exception e) {
            throw new IllegalStateException("Re-encoding a copy failed: " + e, e);
        }
    }
}
