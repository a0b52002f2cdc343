import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went, by layer of the service: each sample belongs to the first frame, from
 * the running method outwards, that a layer claims (a JDK method counts for whoever called it). Then the methods
 * of the service's own code by inclusive share: what a flame graph's widest frames would show.
 *
 * <pre>java bench/profile/Layers.java recording.jfr</pre>
 */
public class Layers {

    /** In order: the first that matches a frame's class wins, so the narrower layers come first. */
    private static final Map<String, Pattern> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("log masking (PhiRedactor)", Pattern.compile("PhiRedact"));
        LAYERS.put("log lines (Logback, JSON)", Pattern.compile("^(ch\\.qos\\.logback|org\\.springframework\\.boot\\.(logging|json)|org\\.slf4j)"));
        LAYERS.put("JDBC driver (pgjdbc)", Pattern.compile("^org\\.postgresql"));
        LAYERS.put("connection pool (Hikari)", Pattern.compile("^com\\.zaxxer"));
        LAYERS.put("Spring JDBC", Pattern.compile("^org\\.springframework\\.jdbc"));
        LAYERS.put("JSON (Jackson)", Pattern.compile("^(tools\\.jackson|com\\.fasterxml)"));
        LAYERS.put("bean validation", Pattern.compile("^(org\\.hibernate\\.validator|jakarta\\.validation)"));
        LAYERS.put("metrics (Micrometer)", Pattern.compile("^io\\.micrometer"));
        LAYERS.put("audit trail", Pattern.compile("^app\\.clinic\\.audit"));
        LAYERS.put("Spring transactions", Pattern.compile("^org\\.springframework\\.transaction"));
        LAYERS.put("Spring Security", Pattern.compile("^org\\.springframework\\.security"));
        LAYERS.put("service code (other)", Pattern.compile("^app\\.clinic"));
        LAYERS.put("Spring MVC", Pattern.compile("^org\\.springframework\\.(web|http)"));
        LAYERS.put("Tomcat", Pattern.compile("^org\\.apache\\.(tomcat|coyote|catalina)"));
        LAYERS.put("Spring core (AOP, beans)", Pattern.compile("^org\\.springframework"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byLayer = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            byLayer.merge(layerOf(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("app.clinic.") && !type.contains("$$")) { // not Spring's generated proxies
                    String method = type.substring("app.clinic.".length()) + "." + frame.getMethod().getName();
                    if (seen.add(method)) {
                        inclusive.merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("%d samples%n%n| layer | share |%n|---|---:|%n", samples);
        print(byLayer, samples, 20);
        System.out.printf("%n| service method (inclusive) | share |%n|---|---:|%n");
        print(inclusive, samples, 15);
    }

    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (var layer : LAYERS.entrySet()) {
                if (layer.getValue().matcher(type).find()) {
                    return layer.getKey();
                }
            }
        }
        return "JDK, other";
    }

    private static void print(Map<String, Integer> counts, int samples, int limit) {
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        rows.stream()
                .limit(limit)
                .forEach(row -> System.out.printf("| %s | %.1f%% |%n", row.getKey(), 100.0 * row.getValue() / samples));
    }
}
