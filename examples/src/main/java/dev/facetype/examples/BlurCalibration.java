package dev.facetype.examples;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.crop.FaceCropper;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.GaussianBlur;
import dev.facetype.vision.ops.Resize;
import dev.facetype.vision.quality.QualitySettings;
import dev.facetype.vision.quality.Sharpness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How the blur threshold was chosen: the sharpness (variance of the Laplacian of the 64 px gray face) of
 * every face of 48 px and more that YuNet finds in the shared face sets, as photographed and after a
 * Gaussian blur whose sigma is 1, 2, 3 or 5 % of the face's size. A good threshold keeps every photographed
 * face and rejects the clearly blurred ones.
 *
 * <pre>
 *   examples/run BlurCalibration [--data ../shared/data] [--threshold 100]
 * </pre>
 */
public final class BlurCalibration {

    private static final double[] BLUR_FRACTIONS = {0.01, 0.02, 0.03, 0.05};

    private BlurCalibration() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Path data = Path.of(arguments.text("--data", "../shared/data"));
        double threshold = Double.parseDouble(arguments.text("--threshold",
                String.valueOf(QualitySettings.DEFAULT_MIN_SHARPNESS)));
        Map<String, List<Path>> sets = new LinkedHashMap<>();
        sets.put("London (neutral + smiling)", files(data.resolve("london-faces/derived/frames_512"), ".jpg"));
        sets.put("dlib crowd photos", files(data.resolve("dlib-faces"), ".jpg"));
        sets.put("Yale", files(data.resolve("yalefaces"), "").stream()
                .filter(p -> p.getFileName().toString().startsWith("subject")).toList());
        sets.put("JAFFE", files(data.resolve("jaffe/images"), ".tiff"));
        sets.put("AT&T", files(data.resolve("att_faces"), ".pgm"));

        ImageLoader loader = new ImageLoader();
        List<Double> allSharp = new ArrayList<>();
        List<List<Double>> allBlurred = new ArrayList<>();
        for (int i = 0; i < BLUR_FRACTIONS.length; i++) {
            allBlurred.add(new ArrayList<>());
        }
        System.out.printf(Locale.ROOT, "Sharpness of faces >= 48 px (variance of the Laplacian at %d px), threshold %.0f%n%n",
                Sharpness.MEASURE_SIZE, threshold);
        System.out.println("| set | faces | sharp: min / 1st pct / median | below threshold | blur 1 %: median | 2 %: median / max"
                + " | 3 %: max | 5 %: max | rejected at 1 / 2 / 3 / 5 % |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        try (FaceDetector detector = FaceDetectors.yunet()) {
            for (Map.Entry<String, List<Path>> set : sets.entrySet()) {
                List<Double> sharp = new ArrayList<>();
                List<List<Double>> blurred = new ArrayList<>();
                for (int i = 0; i < BLUR_FRACTIONS.length; i++) {
                    blurred.add(new ArrayList<>());
                }
                for (Path file : set.getValue()) {
                    RasterImage photo = loader.load(file);
                    for (DetectedFace face : detector.detect(photo)) {
                        if (face.box().shortSide() < 48) {
                            continue;
                        }
                        sharp.add(Sharpness.ofFace(photo, face.box()));
                        for (int i = 0; i < BLUR_FRACTIONS.length; i++) {
                            blurred.get(i).add(blurredSharpness(photo, face.box(), BLUR_FRACTIONS[i] * face.box().shortSide()));
                        }
                    }
                }
                printRow(set.getKey(), sharp, blurred, threshold);
                allSharp.addAll(sharp);
                for (int i = 0; i < BLUR_FRACTIONS.length; i++) {
                    allBlurred.get(i).addAll(blurred.get(i));
                }
            }
        }
        printRow("all", allSharp, allBlurred, threshold);
    }

    /** The face's sharpness after blurring only the part of the photo the measure can see (fast and equal). */
    private static double blurredSharpness(RasterImage photo, FaceBox box, double sigma) {
        FaceBox square = new FaceCropper(CropSettings.defaults().withMargin(0)).squareRegion(box, photo.width(), photo.height());
        int pad = (int) Math.ceil(3 * sigma) + 2;
        int x0 = Math.max(0, (int) Math.floor(square.x()) - pad);
        int y0 = Math.max(0, (int) Math.floor(square.y()) - pad);
        int x1 = Math.min(photo.width(), (int) Math.ceil(square.right()) + pad);
        int y1 = Math.min(photo.height(), (int) Math.ceil(square.bottom()) + pad);
        RasterImage part = Resize.region(photo, x0, y0, x1 - x0, y1 - y0, x1 - x0, y1 - y0);
        FaceBox inPart = new FaceBox(square.x() - x0, square.y() - y0, square.width(), square.height());
        return Sharpness.ofFace(GaussianBlur.apply(part, sigma), inPart);
    }

    private static void printRow(String name, List<Double> sharp, List<List<Double>> blurred, double threshold) {
        Distribution s = new Distribution(sharp);
        List<Distribution> b = blurred.stream().map(Distribution::new).toList();
        StringBuilder rejected = new StringBuilder();
        for (Distribution d : b) {
            rejected.append(rejected.length() == 0 ? "" : " / ").append(Distribution.percent(d.countBelow(threshold), d.count()));
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f / %.0f / %.0f | %d | %.0f | %.0f / %.0f | %.0f | %.0f | %s |%n", name,
                s.count(), s.min(), s.percentile(0.01), s.percentile(0.5), s.countBelow(threshold), b.get(0).percentile(0.5),
                b.get(1).percentile(0.5), b.get(1).max(), b.get(2).max(), b.get(3).max(), rejected);
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
    }
}
