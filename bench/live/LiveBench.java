import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark of those who listen to the clinic's changes while bookings run on one doctor-day, first with no one
 * listening, then with listeners, then again with and without, after a warm-up (bench/run.sh --scenarios
 * subscribers,webhooks). It reports, per phase, the booking throughput and the service's CPU per booking, and, with
 * listeners, the delay from each booking's 201 to each listener hearing of it:
 * <ul>
 *   <li>{@code listeners=streams}: SUBSCRIBERS Server-Sent Events streams of the doctor's waiting-room board (an
 *       event shows a booking when the board's "booked" count reaches its token);
 *   <li>{@code listeners=webhooks}: two webhook subscriptions to appointment.booked, received by this program on
 *       loopback (the delay ends when the receiver has the event, just before its 2xx).
 * </ul>
 * Run as a single-file program: java LiveBench.java KEY=VALUE…
 */
public class LiveBench {

    private static final Pattern BOOKED = Pattern.compile("\"booked\":(\\d+)");
    private static final Pattern SLOT = Pattern.compile("\"slot\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern APPOINTMENT_ID = Pattern.compile("\"appointment_id\":\\s*\"([^\"]+)\"");

    record Booking(long answeredAt, int token, String id) {}

    /** Who listens during a "with" phase, and when each heard of each booking. */
    interface Listeners {
        void open() throws Exception;

        /** When each listener heard of the booking: one entry per listener, -1 where it did not. */
        List<Long> heardAt(Booking booking);

        int count();

        void close() throws Exception;
    }

    /** One open stream: when each event arrived and the count it showed. */
    static final class Subscriber implements Flow.Subscriber<String> {
        final List<long[]> events = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch snapshot = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        volatile int status;
        Flow.Subscription subscription;

        /** Takes the answer's status as its headers arrive, then its lines. */
        HttpResponse.BodySubscriber<Void> answer(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            answered.countDown();
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                Matcher booked = BOOKED.matcher(line);
                if (booked.find()) {
                    events.add(new long[] {System.nanoTime(), Long.parseLong(booked.group(1))});
                }
                snapshot.countDown();
            }
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onComplete() {}

        /** When this subscriber first saw a count of at least {@code token}, or -1. */
        long sawAt(int token) {
            synchronized (events) {
                for (long[] event : events) {
                    if (event[1] >= token) {
                        return event[0];
                    }
                }
            }
            return -1;
        }
    }

    /** SUBSCRIBERS open streams of the doctor's board, from DISPLAYS display clients. */
    static final class Streams implements Listeners {
        final HttpClient http;
        final String url;
        final List<String> tokens;
        final int size;
        final List<Subscriber> subscribers = new ArrayList<>();
        final List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();

        Streams(HttpClient http, String url, List<String> tokens, int size) {
            this.http = http;
            this.url = url;
            this.tokens = tokens;
            this.size = size;
        }

        @Override
        public void open() throws Exception {
            subscribers.clear();
            streams.clear();
            for (int i = 0; i < size; i++) {
                subscribers.add(null);
                streams.add(null);
            }
            // The previous phase's streams hold their places until the service notices them gone (at its next
            // heartbeat): a stream refused 429 meanwhile is asked for again.
            long openBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (List<Integer> toOpen = range(size); !toOpen.isEmpty(); ) {
                for (int i : toOpen) {
                    Subscriber subscriber = new Subscriber();
                    var request = HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                            .header("Accept", "text/event-stream")
                            .build();
                    streams.set(i, http.sendAsync(request, subscriber::answer));
                    subscribers.set(i, subscriber);
                }
                List<Integer> refused = new ArrayList<>();
                for (int i : toOpen) {
                    if (!subscribers.get(i).answered.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("subscriber " + i + " got no answer");
                    }
                    if (subscribers.get(i).status == 429) {
                        refused.add(i);
                    } else if (!subscribers.get(i).snapshot.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("subscriber " + i + " got no snapshot");
                    }
                }
                if (!refused.isEmpty() && System.nanoTime() > openBy) {
                    throw new IllegalStateException(refused.size() + " subscribers still refused 429");
                }
                if (!refused.isEmpty()) {
                    Thread.sleep(1000);
                }
                toOpen = refused;
            }
        }

        @Override
        public List<Long> heardAt(Booking booking) {
            return subscribers.stream().map(subscriber -> subscriber.sawAt(booking.token())).toList();
        }

        @Override
        public int count() {
            return subscribers.size();
        }

        @Override
        public void close() {
            streams.forEach(stream -> stream.thenAccept(answer -> {}).cancel(true));
            subscribers.forEach(subscriber -> {
                if (subscriber.subscription != null) {
                    subscriber.subscription.cancel();
                }
            });
        }
    }

    /** Two webhook subscriptions to appointment.booked, and the receiver they point at. */
    static final class Webhooks implements Listeners {
        static final List<String> PATHS = List.of("/a", "/b");
        final HttpClient http;
        final String base;
        final String adminToken;
        final com.sun.net.httpserver.HttpServer receiver;
        final java.util.Map<String, java.util.Map<String, Long>> heard = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> subscriptions = new ArrayList<>();

        Webhooks(HttpClient http, String base, String adminToken) throws IOException {
            this.http = http;
            this.base = base;
            this.adminToken = adminToken;
            receiver = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            for (String path : PATHS) {
                heard.put(path, new java.util.concurrent.ConcurrentHashMap<>());
                receiver.createContext(path, exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes());
                    long at = System.nanoTime();
                    Matcher id = APPOINTMENT_ID.matcher(body);
                    if (id.find()) {
                        heard.get(path).putIfAbsent(id.group(1), at);
                    }
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
            }
            receiver.start();
        }

        @Override
        public void open() throws Exception {
            for (String path : PATHS) {
                String body = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + path
                        + "\",\"events\":[\"appointment.booked\"]}";
                HttpResponse<String> created = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks"))
                                .header("Authorization", "Bearer " + adminToken)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher id = ID.matcher(created.body());
                if (created.statusCode() != 201 || !id.find()) {
                    throw new IllegalStateException("the webhook was not created: " + created.body());
                }
                subscriptions.add(id.group(1));
            }
        }

        @Override
        public List<Long> heardAt(Booking booking) {
            return PATHS.stream()
                    .map(path -> heard.get(path).getOrDefault(booking.id(), -1L))
                    .toList();
        }

        @Override
        public int count() {
            return PATHS.size();
        }

        @Override
        public void close() throws Exception {
            for (String id : subscriptions) {
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + id))
                                .header("Authorization", "Bearer " + adminToken)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            subscriptions.clear();
        }
    }

    public static void main(String[] args) throws Exception {
        var settings = new java.util.HashMap<String, String>();
        for (String arg : args) {
            settings.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String base = settings.get("base");
        String bookingToken = settings.get("booking_token");
        String doctor = settings.get("doctor");
        String date = settings.get("date");
        long patientBase = Long.parseLong(settings.get("patient_base"));
        int connections = Integer.parseInt(settings.get("connections"));
        int seconds = Integer.parseInt(settings.get("duration"));
        long servicePid = Long.parseLong(settings.get("service_pid"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong nextPatient = new AtomicLong(patientBase);
        Listeners listeners = settings.get("listeners").equals("webhooks")
                ? new Webhooks(http, base, settings.get("admin_token"))
                : new Streams(
                        // their own client, as screens are: the bookings' client's one selector thread does not
                        // also dispatch the streams' thousands of events a second
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                        base + "/api/v1/display/events?date=" + date + "&doctor_id=" + doctor,
                        List.of(settings.get("display_tokens").split(",")),
                        Integer.parseInt(settings.get("subscribers")));

        List<String> rows = new ArrayList<>();
        // A warm-up first (the JIT, the pool; with the streams open, so that their code is warm too), then
        // without-with-with-without: a drift of the machine's speed over the run weighs on both the same.
        for (String phase : List.of("warm-up", "without", "with", "with", "without")) {
            boolean listening = !phase.equals("without"); // the warm-up warms the listeners' code too
            if (listening) {
                listeners.open();
            }
            List<Booking> bookings = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            long cpuBefore = cpuTicks(servicePid);
            long clientBefore = cpuTicks(ProcessHandle.current().pid());
            long dbBefore = databaseTicks();
            long started = System.nanoTime();
            // the warm-up's bookings go on until the JIT has settled (awaitSettledJit, below)
            AtomicLong deadline = new AtomicLong(
                    phase.equals("warm-up") ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(seconds));
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < deadline.get()) {
                        String body = String.format(
                                "{\"patient_id\":\"a0000000-0000-4000-8000-%012d\",\"doctor_id\":\"%s\",\"date\":\"%s\"}",
                                nextPatient.incrementAndGet(), doctor, date);
                        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/appointments"))
                                .header("Authorization", "Bearer " + bookingToken)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        try {
                            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long at = System.nanoTime();
                            Matcher slot = SLOT.matcher(answer.body());
                            Matcher id = ID.matcher(answer.body());
                            if (answer.statusCode() == 201 && slot.find() && id.find()) {
                                bookings.add(new Booking(at, Integer.parseInt(slot.group(1)), id.group(1)));
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            if (phase.equals("warm-up")) {
                awaitSettledJit(servicePid, seconds);
                deadline.set(System.nanoTime());
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            double jvmMs = (cpuTicks(servicePid) - cpuBefore) * 1000.0 / 100 / Math.max(1, bookings.size());
            double dbMs = (databaseTicks() - dbBefore) * 1000.0 / 100 / Math.max(1, bookings.size());
            // this program's own CPU (the bookings' and the streams' client), which the same cores pay for
            double clientMs = (cpuTicks(ProcessHandle.current().pid()) - clientBefore) * 1000.0 / 100
                    / Math.max(1, bookings.size());
            String latency = "";
            if (listening) {
                // the last bookings' events: until every listener heard of every booking, or 30 s
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < waitUntil
                        && bookings.stream().anyMatch(booking -> listeners.heardAt(booking).contains(-1L))) {
                    Thread.sleep(200);
                }
                List<Double> delays = new ArrayList<>();
                long missed = 0;
                for (Booking booking : bookings) {
                    for (long heard : listeners.heardAt(booking)) {
                        if (heard < 0) {
                            missed++;
                        } else {
                            delays.add(Math.max(0, heard - booking.answeredAt()) / 1e6);
                        }
                    }
                }
                Collections.sort(delays);
                latency = String.format(
                        Locale.ROOT,
                        ",\"subscribers\":%d,\"deliveries\":%d,\"missed\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f",
                        listeners.count(), delays.size(), missed, percentile(delays, 50), percentile(delays, 99),
                        delays.isEmpty() ? 0 : delays.get(delays.size() - 1));
                listeners.close();
            }
            String row = String.format(
                    Locale.ROOT,
                    "{\"phase\":\"%s\",\"connections\":%d,\"bookings\":%d,\"failures\":%d,\"rps\":%.1f,\"jvm_ms_per_booking\":%.3f,\"db_ms_per_booking\":%.3f,\"client_ms_per_booking\":%.3f%s}",
                    phase, connections, bookings.size(), failures.get(), bookings.size() / elapsed, jvmMs, dbMs,
                    clientMs, latency);
            System.err.println("  " + row);
            if (!phase.equals("warm-up")) {
                rows.add(row);
            }
            Thread.sleep(3000); // closed streams noticed, retries over, the machine quiet again
        }
        System.out.println("LIVE_JSON [" + String.join(",", rows) + "]");
        System.exit(0);
    }

    private static List<Integer> range(int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    /**
     * Waits while the service's JIT compilers are busy: on two cores they compile the service's hot paths for
     * minutes, taking a fifth of a core long after the first seconds, and a phase measured meanwhile pays for that
     * (and for the drift as it ends), not for what it measures. Settled: in the last {@code seconds}, the compiler
     * threads used less than 2% of a core. At least {@code 3 * seconds}, at most {@code 8 * seconds} (the patients
     * bench/run.sh set aside for it).
     */
    private static void awaitSettledJit(long servicePid, int seconds) throws Exception {
        long started = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(2L * seconds));
        while (true) {
            long before = compilerTicks(servicePid);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            double share = (compilerTicks(servicePid) - before) / (100.0 * seconds);
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.err.printf(Locale.ROOT, "  warm-up: %d s, the JIT compilers took %.1f%% of a core%n", waited, share * 100);
            if (share < 0.02 || waited >= 8L * seconds) {
                return;
            }
        }
    }

    /** The CPU of the service's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"), in clock ticks. */
    private static long compilerTicks(long pid) throws IOException {
        long ticks = 0;
        try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    if (stat.contains("(C1 Compiler") || stat.contains("(C2 Compiler")) {
                        ticks += ownTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile: the JIT's threads come and go with its work
                }
            }
        }
        return ticks;
    }

    /** User and system CPU of a process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        return ownTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** A /proc stat line's user and system CPU (utime, stime), in clock ticks. */
    private static long ownTicks(String stat) {
        String[] fields = statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * A process's stat line's CPU of the children it reaped (cutime, cstime). A thread's line repeats its process's,
     * so it counts for processes only.
     */
    private static long reapedChildrenTicks(String stat) {
        String[] fields = statFields(stat);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** The fields after the command's name, which may hold spaces. */
    private static String[] statFields(String stat) {
        return stat.split("\\) ")[1].split(" ");
    }

    /**
     * The CPU of every PostgreSQL process, with the time of the children each has reaped (cutime, cstime): the
     * database's time. Without those, a backend or autovacuum worker that exited during a phase took its CPU out of
     * the sum, and the phase's figure could go negative.
     */
    private static long databaseTicks() throws IOException {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        ticks += ownTicks(stat) + reapedChildrenTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        }
        return ticks;
    }
}
