package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import dev.facetype.vision.detect.FaceBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven the way a
 * person uses it: choose, drop or paste a photo, wait, read the type at each box. Screenshots land in
 * {@code target/screenshots}. Fails, never skips, when the browser is not installed.
 */
class WebPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Map<String, String> JAPANESE_TYPES = Map.of("neutral", "しょうゆ顔", "smiling", "ソース顔");

    /** Kept so that its level holds: Selenium warns on every start that it has no CDP code for this Chromium. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private static FaceTypeClassifier model;
    private static FaceTypeClassifier japaneseModel;
    private static WebServer server;
    private static WebServer japaneseServer;
    private static WebDriver english;
    private static WebDriver japanese;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with 'apt-get install -y chromium chromium-driver' (.ci/run does).");
        }
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(SCREENSHOTS);
        model = FaceTypeClassifier.load(TestModels.londonSmile());
        server = WebServer.start(model, WebSettings.defaults().withPort(0));
        japaneseModel = FaceTypeClassifier.load(RenamedModel.write(TestModels.londonSmile(), dir.resolve("ja.fty"),
                JAPANESE_TYPES));
        japaneseServer = WebServer.start(japaneseModel, WebSettings.defaults().withPort(0));
        english = browser(dir.resolve("profile-en"), "en-US,en");
        japanese = browser(dir.resolve("profile-ja"), "ja,en");
    }

    @AfterAll
    static void stop() {
        for (WebDriver driver : new WebDriver[] {english, japanese}) {
            if (driver != null) {
                driver.quit();
            }
        }
        for (AutoCloseable closeable : new AutoCloseable[] {server, japaneseServer, model, japaneseModel}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Closing after the tests; nothing to report.
            }
        }
    }

    private static WebDriver browser(Path profile, String languages) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000",
                "--lang=" + languages.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void choosingAPortraitShowsItsBoxAndTypeWithABarForEveryType() throws Exception {
        Path photo = TestPhotos.london("neutral", WebApiTest.PERSON);
        FacePrediction expected = model.predict(photo).faces().get(0);
        english.get(server.uri().toString());
        assertEquals("What type is your face?", text(english, ".tagline"), "English for an English browser");
        english.findElement(By.id("file-input")).sendKeys(photo.toAbsolutePath().toString());
        awaitState(english, "result");

        List<WebElement> boxes = english.findElements(By.cssSelector(".face-box"));
        assertEquals(1, boxes.size());
        assertEquals(expected.label(), boxes.get(0).getDomAttribute("data-label"));
        assertTrue(boxes.get(0).getText().contains(expected.label()), "type written at the box: " + boxes.get(0).getText());
        assertEquals(expected.label(), text(english, ".face-card .face-label"), "the model's answer in the card");
        assertEquals("neutral", expected.label(), "and the right one: the model never saw this person");
        FaceBox shown = boxInPhotoPixels(english, boxes.get(0), 512);
        FaceBox truth = TestPhotos.londonNeutralBox(WebApiTest.PERSON);
        assertTrue(shown.iou(truth) >= 0.5, "box drawn at " + shown + ", face at " + truth);
        assertTrue(shown.iou(expected.box()) >= 0.9, "drawn where the model found it: " + shown + " vs " + expected.box());

        List<WebElement> bars = english.findElements(By.cssSelector(".face-card .bar-row"));
        assertEquals(model.labels().size(), bars.size(), "a bar for every type");
        double topWidth = fillFraction(english, bars.get(0));
        assertEquals(expected.confidence(), topWidth, 0.02, "bar length is the probability");
        assertFalse(english.findElement(By.id("message")).isDisplayed(), "no error shown");
        assertFalse(english.findElement(By.id("no-face")).isDisplayed(), "no no-face notice shown");
        screenshot(english, "web-page-portrait-en.png");
    }

    @Test
    void aGroupPhotoInJapaneseShowsEveryFaceWithTheModelsJapaneseTypeNames() throws Exception {
        japanese.get(japaneseServer.uri().toString());
        assertEquals("あなたの顔タイプは？", text(japanese, ".tagline"), "Japanese for a Japanese browser");
        assertEquals("ja", japanese.findElement(By.tagName("html")).getDomAttribute("lang"));
        japanese.findElement(By.id("file-input")).sendKeys(TestPhotos.threePeople().toAbsolutePath().toString());
        awaitState(japanese, "result");

        List<WebElement> boxes = japanese.findElements(By.cssSelector(".face-box"));
        List<WebElement> cards = japanese.findElements(By.cssSelector(".face-card"));
        List<FacePrediction> expected = japaneseModel.predict(TestPhotos.threePeople()).faces();
        assertEquals(3, boxes.size());
        assertEquals(3, cards.size());
        for (int i = 0; i < 3; i++) {
            String label = expected.get(i).label();
            assertTrue(JAPANESE_TYPES.containsValue(label), "a Japanese type name: " + label);
            assertEquals(label, boxes.get(i).getDomAttribute("data-label"));
            assertTrue(boxes.get(i).getText().contains(label), boxes.get(i).getText());
            assertEquals(label, cards.get(i).findElement(By.cssSelector(".face-label")).getText());
        }
        assertEquals("3人の顔が見つかりました", text(japanese, "#faces-title"));
        for (FaceBox truth : TestPhotos.threePeopleBoxes()) {
            boolean drawn = false;
            for (WebElement box : boxes) {
                drawn |= boxInPhotoPixels(japanese, box, 500).iou(truth) >= 0.4;
            }
            assertTrue(drawn, "a box is drawn on the face at " + truth);
        }
        screenshot(japanese, "web-page-group-ja.png");

        japanese.findElement(By.id("lang-en")).click();
        assertEquals("What type is your face?", text(japanese, ".tagline"));
        assertEquals("3 faces found", text(japanese, "#faces-title"));
        assertTrue(JAPANESE_TYPES.containsValue(text(japanese, ".face-card .face-label")),
                "type names stay exactly as the model names them");
        japanese.findElement(By.id("lang-ja")).click();
        assertEquals("あなたの顔タイプは？", text(japanese, ".tagline"));
    }

    @Test
    void aServerStartedInJapaneseShowsAnEnglishBrowserJapaneseUntilTheVisitorChooses() throws Exception {
        try (WebServer japaneseDefault = WebServer.start(model, WebSettings.defaults().withPort(0)
                .withPageLanguage("ja"))) {
            english.get(japaneseDefault.uri().toString());
            awaitModelLine(english);
            assertEquals("あなたの顔タイプは？", text(english, ".tagline"), "the server's language for a new visitor");
            assertEquals("ja", english.findElement(By.tagName("html")).getDomAttribute("lang"));
            english.findElement(By.id("lang-en")).click();
            english.navigate().refresh();
            awaitModelLine(english);
            assertEquals("What type is your face?", text(english, ".tagline"), "the visitor's own choice is kept");
        }
    }

    @Test
    void aDroppedPhotoAndAPastedPhotoAreAnsweredLikeAChosenOne() throws Exception {
        english.get(server.uri().toString());
        byte[] photo = TestPhotos.read(TestPhotos.london("smiling", WebApiTest.PERSON));
        String expected = model.predict(TestPhotos.london("smiling", WebApiTest.PERSON)).faces().get(0).label();
        for (String event : new String[] {"drop", "paste"}) {
            ((JavascriptExecutor) english).executeScript(
                    "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                    + "const file = new File([bytes], 'photo.jpg', {type: 'image/jpeg'});"
                    + "const data = new DataTransfer(); data.items.add(file);"
                    + "document.body.dataset.state = 'idle';"
                    + "const event = arguments[1] === 'drop'"
                    + "  ? new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true})"
                    + "  : new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});"
                    + "document.getElementById('drop-zone').dispatchEvent(event);",
                    Base64.getEncoder().encodeToString(photo), event);
            awaitState(english, "result");
            assertEquals(expected, text(english, ".face-card .face-label"), event);
            assertEquals("smiling", expected);
            assertEquals(1, english.findElements(By.cssSelector(".face-box")).size(), event);
        }
    }

    @Test
    void aPhotoWithoutAFaceSaysSoClearly(@TempDir Path dir) throws IOException {
        Path landscape = Files.write(dir.resolve("landscape.png"), TestPhotos.landscapeWithoutFace());
        english.get(server.uri().toString());
        english.findElement(By.id("file-input")).sendKeys(landscape.toString());
        awaitState(english, "noface");
        WebElement notice = english.findElement(By.id("no-face"));
        assertTrue(notice.isDisplayed());
        assertTrue(notice.getText().startsWith("No face found"), notice.getText());
        assertTrue(english.findElement(By.id("photo")).isDisplayed(), "the photo is still shown");
        assertEquals(0, english.findElements(By.cssSelector(".face-box")).size());
        screenshot(english, "web-page-no-face-en.png");
    }

    @Test
    void aFileThatIsNotAPhotoGetsAnErrorInThePage(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("<b>notes<i>.jpg"), "shopping list: rice, soy sauce");
        english.get(server.uri().toString());
        english.findElement(By.id("file-input")).sendKeys(notes.toString());
        awaitState(english, "error");
        WebElement message = english.findElement(By.id("message"));
        assertEquals("not_an_image", message.getDomAttribute("data-code"));
        assertTrue(message.getText().contains("not an image"), message.getText());
        assertTrue(english.findElements(By.cssSelector("#message b")).isEmpty(), "nothing rendered as HTML");
        assertFalse(english.findElement(By.id("result")).isDisplayed());
        screenshot(english, "web-page-error-en.png");
    }

    @Test
    void aPhotoOverTheLimitIsRefusedWithItsSizeAndADamagedOneWithWhatIsWrong(@TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("big.jpg"), new byte[10 * 1024 * 1024 + 1]);
        english.get(server.uri().toString());
        awaitModelLine(english);
        english.findElement(By.id("file-input")).sendKeys(big.toString());
        awaitState(english, "error");
        WebElement message = english.findElement(By.id("message"));
        assertEquals("upload_too_large", message.getDomAttribute("data-code"));
        assertTrue(message.getText().contains("larger than 10 MB"), message.getText());

        Path cut = Files.write(dir.resolve("cut.jpg"), TestPhotos.truncated(TestPhotos.london("neutral", WebApiTest.PERSON), 9000));
        english.findElement(By.id("file-input")).sendKeys(cut.toString());
        new WebDriverWait(english, Duration.ofSeconds(60)).until(d -> "corrupt_image".equals(
                d.findElement(By.id("message")).getDomAttribute("data-code")));
        String text = english.findElement(By.id("message")).getText();
        assertTrue(text.contains("damaged or incomplete") && text.contains("cut short"), "what and why: " + text);
        screenshot(english, "web-page-damaged-en.png");
    }

    /** The page has read the model's limits once the model line at the bottom is filled in. */
    private static void awaitModelLine(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("model-line")).getText().isEmpty());
    }

    private static void awaitState(WebDriver driver, String state) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> state.equals(
                    d.findElement(By.tagName("body")).getDomAttribute("data-state")));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the page did not reach state '" + state + "'; it is '" + driver.findElement(By.tagName("body"))
                    .getDomAttribute("data-state") + "', message: " + driver.findElement(By.id("message")).getText());
        }
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Where a drawn box lies, in pixels of the photo (whose natural width is {@code photoWidth}). */
    private static FaceBox boxInPhotoPixels(WebDriver driver, WebElement box, int photoWidth) {
        Rectangle image = driver.findElement(By.id("photo")).getRect();
        Rectangle drawn = box.getRect();
        double scale = (double) photoWidth / image.getWidth();
        return new FaceBox((drawn.getX() - image.getX()) * scale, (drawn.getY() - image.getY()) * scale,
                drawn.getWidth() * scale, drawn.getHeight() * scale);
    }

    private static double fillFraction(WebDriver driver, WebElement barRow) throws InterruptedException {
        WebElement fill = barRow.findElement(By.cssSelector(".bar-fill"));
        // The bars grow with a short transition: measure once two readings a moment apart agree.
        double width = -1;
        for (int i = 0; i < 50 && fill.getRect().getWidth() != width; i++) {
            width = fill.getRect().getWidth();
            Thread.sleep(200);
        }
        return width / barRow.findElement(By.cssSelector(".bar")).getRect().getWidth();
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
