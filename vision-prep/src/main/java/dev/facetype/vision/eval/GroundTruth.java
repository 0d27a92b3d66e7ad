package dev.facetype.vision.eval;

import dev.facetype.vision.detect.FaceBox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the face-box files of the two labelled sets used to measure detectors. */
public final class GroundTruth {

    private GroundTruth() {
    }

    /**
     * The London set's whole photos with their face boxes: {@code neutral_face_boxes.csv} in
     * {@code frames512Dir} (columns {@code image,width,height,eye0_x,eye0_y,eye1_x,eye1_y,box_x,box_y,box_w,box_h};
     * a box spans the jaw from side to side and the brows to the chin).
     *
     * @throws IOException if the file is missing or a line is malformed (the message names file and line)
     */
    public static List<LabelledImage> londonFaces(Path frames512Dir) throws IOException {
        Path csv = frames512Dir.resolve("neutral_face_boxes.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("image,")) {
            throw new IOException(csv + ": expected a header starting with 'image,'");
        }
        List<String> header = List.of(lines.get(0).split(","));
        int bx = column(header, "box_x", csv);
        int by = column(header, "box_y", csv);
        int bw = column(header, "box_w", csv);
        int bh = column(header, "box_h", csv);
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                FaceBox box = new FaceBox(Double.parseDouble(cells[bx]), Double.parseDouble(cells[by]),
                        Double.parseDouble(cells[bw]), Double.parseDouble(cells[bh]));
                images.add(new LabelledImage(frames512Dir.resolve(cells[0]), List.of(box)));
            } catch (RuntimeException e) {
                throw new IOException(csv + " line " + (i + 1) + ": cannot read a face box from '" + line + "'", e);
            }
        }
        return images;
    }

    /**
     * The photos of a dlib imglab XML file ({@code <image file=...><box top left width height/>}); image paths
     * are resolved against the XML file's folder. Boxes marked {@code ignore='1'} are left out.
     */
    public static List<LabelledImage> dlibXml(Path xmlFile) throws IOException {
        Document document = parse(xmlFile);
        Map<Path, List<FaceBox>> byImage = new LinkedHashMap<>();
        NodeList images = document.getElementsByTagName("image");
        for (int i = 0; i < images.getLength(); i++) {
            Element image = (Element) images.item(i);
            Path file = xmlFile.resolveSibling(image.getAttribute("file"));
            List<FaceBox> boxes = byImage.computeIfAbsent(file, f -> new ArrayList<>());
            NodeList boxNodes = image.getElementsByTagName("box");
            for (int b = 0; b < boxNodes.getLength(); b++) {
                Element box = (Element) boxNodes.item(b);
                if ("1".equals(box.getAttribute("ignore"))) {
                    continue;
                }
                try {
                    boxes.add(new FaceBox(Double.parseDouble(box.getAttribute("left")),
                            Double.parseDouble(box.getAttribute("top")), Double.parseDouble(box.getAttribute("width")),
                            Double.parseDouble(box.getAttribute("height"))));
                } catch (RuntimeException e) {
                    throw new IOException(xmlFile + ": a box of " + file.getFileName() + " lacks numeric "
                            + "top/left/width/height", e);
                }
            }
        }
        List<LabelledImage> result = new ArrayList<>();
        byImage.forEach((file, boxes) -> result.add(new LabelledImage(file, boxes)));
        return result;
    }

    private static int column(List<String> header, String name, Path csv) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException(csv + ": no column '" + name + "' in the header " + header);
        }
        return index;
    }

    private static Document parse(Path xmlFile) throws IOException {
        try (InputStream in = Files.newInputStream(xmlFile)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Label files are data: no external entities or DTDs.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in, xmlFile.toString());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(xmlFile + ": not a readable dlib imglab XML file: " + e.getMessage(), e);
        }
    }
}
