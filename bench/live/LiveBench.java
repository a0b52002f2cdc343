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
 * The live-queue benchmark (bench/run.sh --scenarios subscribers): bookings on one doctor-day, first with no one
 * listening, then with SUBSCRIBERS Server-Sent Events streams of that doctor's waiting-room board open, then
 * again with and without, after a warm-up. It reports, per phase, the booking throughput and the service's CPU per booking, and, with
 * subscribers, the delay from each booking's 201 to each subscriber's event that shows it (the board's "booked"
 * count reaching the booking's token). Run as a single-file program: java LiveBench.java KEY=VALUE…
 */
public class LiveBench {

    private static final Pattern BOOKED = Pattern.compile("\"booked\":(\\d+)");
    private static final Pattern SLOT = Pattern.compile("\"slot\":(\\d+)");

    record Booking(long answeredAt, int token) {}

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

    public static void main(String[] args) throws Exception {
        var settings = new java.util.HashMap<String, String>();
        for (String arg : args) {
            settings.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String base = settings.get("base");
        String bookingToken = settings.get("booking_token");
        List<String> displayTokens = List.of(settings.get("display_tokens").split(","));
        String doctor = settings.get("doctor");
        String date = settings.get("date");
        long patientBase = Long.parseLong(settings.get("patient_base"));
        int connections = Integer.parseInt(settings.get("connections"));
        int seconds = Integer.parseInt(settings.get("duration"));
        int subscriberCount = Integer.parseInt(settings.get("subscribers"));
        long servicePid = Long.parseLong(settings.get("service_pid"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong nextPatient = new AtomicLong(patientBase);

        List<String> rows = new ArrayList<>();
        // A warm-up first (the JIT, the pool; with the streams open, so that their code is warm too), then
        // without-with-with-without: a drift of the machine's speed over the run weighs on both the same.
        for (String phase : List.of("warm-up", "without", "with", "with", "without")) {
            List<Subscriber> subscribers = new ArrayList<>();
            List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
            if (!phase.equals("without")) { // the warm-up warms the streams' code too
                for (int i = 0; i < subscriberCount; i++) {
                    subscribers.add(null);
                    streams.add(null);
                }
                // The previous phase's streams hold their places until the service notices them gone (at its next
                // heartbeat): a stream refused 429 meanwhile is asked for again.
                long openBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (List<Integer> toOpen = range(subscriberCount); !toOpen.isEmpty(); ) {
                    for (int i : toOpen) {
                        Subscriber subscriber = new Subscriber();
                        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/display/events?date=" + date
                                        + "&doctor_id=" + doctor))
                                .header("Authorization", "Bearer " + displayTokens.get(i % displayTokens.size()))
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
            List<Booking> bookings = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            long cpuBefore = cpuTicks(servicePid);
            long clientBefore = cpuTicks(ProcessHandle.current().pid());
            long dbBefore = databaseTicks();
            long started = System.nanoTime();
            // the JIT is still compiling the booking path well after the first seconds: the warm-up runs longer
            long deadline = started + TimeUnit.SECONDS.toNanos(phase.equals("warm-up") ? 3L * seconds : seconds);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
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
                            if (answer.statusCode() == 201 && slot.find()) {
                                bookings.add(new Booking(at, Integer.parseInt(slot.group(1))));
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
            if (!subscribers.isEmpty()) {
                Thread.sleep(2000); // the last bookings' events
                List<Double> delays = new ArrayList<>();
                long missed = 0;
                for (Booking booking : bookings) {
                    for (Subscriber subscriber : subscribers) {
                        long saw = subscriber.sawAt(booking.token());
                        if (saw < 0) {
                            missed++;
                        } else {
                            delays.add(Math.max(0, saw - booking.answeredAt()) / 1e6);
                        }
                    }
                }
                Collections.sort(delays);
                latency = String.format(
                        Locale.ROOT,
                        ",\"subscribers\":%d,\"deliveries\":%d,\"missed\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f",
                        subscribers.size(), delays.size(), missed, percentile(delays, 50), percentile(delays, 99),
                        delays.isEmpty() ? 0 : delays.get(delays.size() - 1));
                streams.forEach(stream -> stream.thenAccept(answer -> {}).cancel(true));
                subscribers.forEach(subscriber -> {
                    if (subscriber.subscription != null) {
                        subscriber.subscription.cancel();
                    }
                });
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
            Thread.sleep(3000); // closed streams noticed, the machine quiet again
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

    /** User and system CPU of a process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    /** The CPU of every PostgreSQL process: the database's time. */
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
                        String[] fields = stat.split("\\) ")[1].split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        }
        return ticks;
    }
}
