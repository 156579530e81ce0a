package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option and positional parameter of every command (RELIABILITY.md, "Bad command-line options"). The options
 * are enumerated from picocli's model of {@link SpinmonMain}, so an option added without a row in {@link #RULES}
 * fails {@link #everyOptionOfEveryCommandHasARule()}. Each row gives bad values with the fragments their message
 * must hold (the allowed values; the option's name is always required), and good values at the boundaries.
 *
 * <p>A bad value goes through {@link SpinmonMain#run}, the real entry, and must give exit status 2, exactly one
 * line on stderr starting {@code spinmon <command>: } and naming the option, nothing on stdout, no stack trace,
 * and no work: the case's --runs and --data directories (which train, bench --training and mnist would create) and
 * its --openmetrics file must not exist afterwards. A good value goes through {@link SpinmonMain#check}, the same
 * parsing and checks without the command's work, and must give status 0 and nothing on stderr.
 *
 * <p>Every option has a rule: there is no option that takes any value. The flags take none, or {@code =true} /
 * {@code =false}; the seeds take any 64-bit integer but nothing else; the run id becomes a directory name.
 */
class BadOptionsTest {

    /** The placeholders of the case tables, replaced per case. */
    private static final String FILE = "$FILE";
    private static final String DIR = "$DIR";
    private static final String NEW = "$NEW";
    private static final String NO_PARENT = "$NO_PARENT";
    private static final String UNDER_FILE = "$UNDER_FILE";
    private static final String UNREADABLE = "$UNREADABLE";
    private static final String EXISTING_RUN = "$EXISTING_RUN";

    /**
     * A bad command line, and what its message must say besides the option's name; a bare one is given without
     * what the option needs (to show that the option is refused without it).
     */
    record Bad(List<String> args, List<String> fragments, boolean bare) {
    }

    /** The cases of one option: what it needs to apply, its bad values, its good values. */
    record Rule(List<String> needs, List<Bad> bad, List<List<String>> good) {
        Rule needing(String... more) {
            List<String> n = new ArrayList<>(List.of(more));
            n.addAll(needs);
            return new Rule(n, bad, good);
        }

        Rule and(Bad... more) {
            List<Bad> b = new ArrayList<>(bad);
            b.addAll(List.of(more));
            return new Rule(needs, b, good);
        }

        Rule andGood(String... args) {
            List<List<String>> g = new ArrayList<>(good);
            g.add(List.of(args));
            return new Rule(needs, bad, g);
        }
    }

    /** Rows by "command option" ("spinmon" for the top level), or "* option" for the options of the mixins. */
    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    /** What each command needs on every line so that only the option under test is wrong. */
    static final Map<String, List<String>> BASE = Map.of(
            "train", List.of("--runs=" + NEW + "/runs", "--data=" + NEW + "/mnist", "--no-progress"),
            "replay", List.of(DIR, "--no-progress"),
            "analyze", List.of(DIR, "--no-progress"),
            "serve", List.of(DIR));

    static {
        // Shared by the commands through mixins and by every command: help, version, seeds, progress.
        for (String flag : List.of("--help", "--version", "--bias", "--test-at-snapshots", "--no-record", "--no-tap",
                "--no-input", "--no-output", "--biases", "--drop-dead-pixels", "--no-ww", "--no-mp-fit", "--no-kernels",
                "--no-freezing", "--no-landscape", "--hold", "--json", "--inspect", "--eigensolvers", "--heavy-tail",
                "--views", "--training")) {
            RULES.put("* " + flag, flag(flag));
        }
        RULES.put("* --progress", flag("--progress").andGood("--no-progress"));
        RULES.put("* --seed", ints("--seed", Long.MIN_VALUE, Long.MAX_VALUE));

        // spinmon train
        RULES.put("train --widths", widths("--widths")
                .and(bad("--widths=784-100-5", "784-...-10 for MNIST"),
                        bad("--widths=100-10", "784-...-10 for MNIST"),
                        bad("--widths=784-2000000-10", "1588000000 weights", "GiB of heap"),
                        bad("--widths=784-2739319-10", "each weight matrix at most 2147483639 weights"))
                .andGood("--widths=784-10").andGood("--widths=784-1-10"));
        RULES.put("train --activation", oneOf("--activation", List.of("relu", "sign"), "tanh", "", "relu6")
                .andGood("--activation=SIGN"));
        RULES.put("train --lr", positiveReal("--lr"));
        RULES.put("train --batch", ints("--batch", 1, 60000));
        RULES.put("train --epochs", ints("--epochs", 1, Integer.MAX_VALUE));
        RULES.put("train --max-steps", ints("--max-steps", 0, Long.MAX_VALUE));
        RULES.put("train --stride", ints("--stride", 0, Long.MAX_VALUE));
        RULES.put("train --train-examples", ints("--train-examples", 1, 60000));
        RULES.put("train --replicas", ints("--replicas", 1, 8)
                .and(bad(List.of("--replicas=8", "--widths=784-300000-10"), "with --replicas 8", "GiB of heap")));
        RULES.put("train --probe-size", ints("--probe-size", 0, 10000));
        RULES.put("train --runs", new Rule(List.of(),
                List.of(bad("--runs=" + FILE, "a directory, or a path where one can be created", "not a directory"),
                        bad("--runs=", "a non-empty file system path"),
                        bad("--runs=a\0b", "a non-empty file system path")),
                List.of(List.of("--runs=" + NEW + "/runs"), List.of("--runs=" + DIR))));
        RULES.put("train --run-id", new Rule(List.of(),
                List.of(bad("--run-id=a/b", "1-128 characters from [A-Za-z0-9._-]"),
                        bad("--run-id=..", "not starting with a dot"),
                        bad("--run-id=.hidden", "not starting with a dot"),
                        bad("--run-id=", "1-128 characters"),
                        bad("--run-id=a b", "1-128 characters"),
                        bad("--run-id=" + "x".repeat(129), "1-128 characters"),
                        bad(List.of("--run-id=taken", "--runs=" + EXISTING_RUN), "the id of no run in")),
                List.of(List.of("--run-id=a"), List.of("--run-id=" + "x".repeat(128)),
                        List.of("--run-id=run-1.2_3"),
                        List.of("--run-id=taken", "--runs=" + EXISTING_RUN, "--no-record"))));
        RULES.put("* --data", directoryOption("--data"));
        // spinmon train, replay, analyze: the analysis options
        RULES.put("* --tau", new Rule(List.of(),
                List.of(bad("--tau=0", "a number in (0, 2]"), bad("--tau=2.0000001", "(0, 2]"),
                        bad("--tau=0.5,3", "(0, 2]", "'3'"), bad("--tau=NaN", "(0, 2]"),
                        bad("--tau=-0.5", "(0, 2]"), bad("--tau=", "(0, 2]"), bad("--tau=x", "(0, 2]")),
                List.of(List.of("--tau=2"), List.of("--tau=1e-300"), List.of("--tau=0.5,0.9,2"))));
        RULES.put("* --starts", ints("--starts", 1, 10000));
        RULES.put("* --scan-points", ints("--scan-points", 2, 10000));
        RULES.put("* --delta", new Rule(List.of(),
                List.of(bad("--delta=-1e-9", "a number in [0, 1)"), bad("--delta=1", "[0, 1)"),
                        bad("--delta=NaN", "[0, 1)"), bad("--delta=Infinity", "[0, 1)"), bad("--delta=", "[0, 1)")),
                List.of(List.of("--delta=0"), List.of("--delta=0.999999"))));
        RULES.put("* --ww-randomize-every", ints("--ww-randomize-every", 0, Long.MAX_VALUE));
        RULES.put("* --ww-min-evals", ints("--ww-min-evals", 1, Integer.MAX_VALUE, "--ww-max-evals=2147483647"));
        RULES.put("* --ww-max-evals", ints("--ww-max-evals", 1, Integer.MAX_VALUE, "--ww-min-evals=1")
                .and(bad(List.of("--ww-min-evals=20", "--ww-max-evals=19"), ">= --ww-min-evals (20)"),
                        bare(List.of("--ww-max-evals=9"), ">= --ww-min-evals (10)")));
        RULES.put("* --solid-epsilon", new Rule(List.of(),
                List.of(bad("--solid-epsilon=0", "a number in (0, 1)"), bad("--solid-epsilon=1", "(0, 1)"),
                        bad("--solid-epsilon=NaN", "(0, 1)"), bad("--solid-epsilon=-0.1", "(0, 1)")),
                List.of(List.of("--solid-epsilon=1e-300"), List.of("--solid-epsilon=0.9999999"))));
        RULES.put("* --solid-window", ints("--solid-window", 1, Integer.MAX_VALUE));
        RULES.put("* --landscape-every", ints("--landscape-every", 1, Integer.MAX_VALUE));
        RULES.put("* --landscape-classes", new Rule(List.of(),
                List.of(bad("--landscape-classes=-1", "an integer from 0 to 2147483647"),
                        bad("--landscape-classes=1,1", "distinct classes"),
                        bad("--landscape-classes=x", "an integer from 0"),
                        bad("--landscape-classes=", "an integer from 0")),
                List.of(List.of("--landscape-classes=0"), List.of("--landscape-classes=0,9"))));
        RULES.put("train --landscape-classes", RULES.get("* --landscape-classes")
                .and(bad("--landscape-classes=10", "output classes from 0 to 9")));
        RULES.put("* --landscape-betas", positiveReal("--landscape-betas")
                .and(bad("--landscape-betas=8,0", "a finite number > 0", "'0'"))
                .andGood("--landscape-betas=1,2,3"));
        RULES.put("* --landscape-replicas", ints("--landscape-replicas", 2, 32));
        RULES.put("* --landscape-burn-in", ints("--landscape-burn-in", 0, 1000000));
        RULES.put("* --landscape-sampling", ints("--landscape-sampling", 4, 100000));
        // spinmon train, replay: the stream and the server
        RULES.put("* --capacity", ints("--capacity", 1, 1024));
        RULES.put("* --concurrency", ints("--concurrency", 1, 64));
        RULES.put("* --policy", oneOf("--policy", List.of("drop-oldest", "block"), "drop-newest", "", "exact")
                .andGood("--policy=BLOCK"));
        RULES.put("* --port", ints("--port", 0, 65535));
        RULES.put("* --host", new Rule(List.of(),
                List.of(bad("--host=nohost.invalid", "an IP address or a host name that resolves", ".invalid"),
                        bad("--host=bad_host", "an IP address or a host name"),
                        bad("--host=256.0.0.1", "an IP address or a host name"),
                        bad("--host=a..b", "an IP address or a host name"),
                        bad("--host=", "an IP address or a host name"),
                        bad("--host=http://localhost", "an IP address or a host name")),
                List.of(List.of("--host=127.0.0.1"), List.of("--host=localhost"), List.of("--host=::1"),
                        List.of("--host=0.0.0.0"))));

        // spinmon replay
        RULES.put("replay RUN", new Rule(List.of(),
                List.of(bad(NEW + "/missing", "an existing directory", "no such directory"),
                        bad(FILE, "an existing directory", "not a directory"),
                        bad("", "a non-empty file system path")),
                List.of(List.of(DIR))));
        RULES.put("replay --speed", new Rule(List.of(),
                List.of(bad("--speed=0", "max, realtime or a finite factor > 0"), bad("--speed=-1", "max, realtime"),
                        bad("--speed=NaN", "max, realtime"), bad("--speed=Infinity", "max, realtime"),
                        bad("--speed=fast", "max, realtime"), bad("--speed=", "max, realtime")),
                List.of(List.of("--speed=max"), List.of("--speed=realtime"), List.of("--speed=1e-300"),
                        List.of("--speed=10"))));
        RULES.put("replay --from", ints("--from", 0, Long.MAX_VALUE));
        RULES.put("replay --to", ints("--to", 0, Long.MAX_VALUE)
                .and(bad(List.of("--from=5", "--to=4"), ">= --from (5)"))
                .andGood("--from=5", "--to=5"));
        RULES.put("replay --openmetrics", new Rule(List.of(),
                List.of(bad("--openmetrics=" + DIR, "a file in an existing writable directory", "a directory"),
                        bad("--openmetrics=" + NO_PARENT, "a file in an existing writable directory",
                                "no directory"),
                        bad("--openmetrics=" + UNDER_FILE, "a file in an existing writable directory"),
                        bad("--openmetrics=", "a non-empty file system path")),
                List.of(List.of("--openmetrics=" + NEW + ".om"))));

        // spinmon analyze
        RULES.put("analyze FILE|DIR", new Rule(List.of(),
                List.of(bad(NEW + "/missing", "an existing file or directory", "no such file or directory"),
                        bad("", "a non-empty file system path"),
                        bad(List.of(DIR, NEW + "/missing"), "an existing file or directory")),
                List.of(List.of(DIR), List.of(FILE), List.of(DIR, FILE))));
        RULES.put("analyze --probe", new Rule(List.of(),
                List.of(bad("--probe=" + NEW, "an existing file", "no such file"),
                        bad("--probe=" + DIR, "an existing file", "not a file"),
                        bad("--probe=", "a non-empty file system path")),
                List.of(List.of("--probe=" + FILE))));

        // spinmon serve
        RULES.put("serve RUNS", new Rule(List.of(),
                List.of(bad(NEW + "/missing", "an existing directory", "no such directory"),
                        bad(FILE, "an existing directory", "not a directory"),
                        bad("", "a non-empty file system path")),
                List.of(List.of(DIR))));

        // spinmon bench
        RULES.put("bench --sizes", widths("--sizes")
                .and(bad("--sizes=40-30-10,784x10", "two or more integers >= 1", "'784x10'"),
                        bad("--sizes=784-2000000-10", "GiB of heap"))
                .andGood("--sizes=1-1").andGood("--sizes=40-30-10,20-10"));
        RULES.put("bench --repeat", ints("--repeat", 1, Integer.MAX_VALUE));
        RULES.put("bench --dense-limit", ints("--dense-limit", 0, 46340));
        RULES.put("bench --probe-size", ints("--probe-size", 1, 10000).needing("--views")
                .and(bare(List.of("--probe-size=16"), "applies only with --views")));
        RULES.put("bench --training", flag("--training")
                .and(bad(List.of("--training", "--eigensolvers"), "separate modes")));
        RULES.put("bench --training-steps", ints("--training-steps", 1, Long.MAX_VALUE).needing("--training")
                .and(bare(List.of("--training-steps=8"), "applies only with --training")));
        RULES.put("bench --widths", widths("--widths").needing("--training", "--data=" + NEW + "/mnist")
                .and(bad(List.of("--training", "--widths=784-100-5"), "784-...-10 for MNIST"),
                        bad(List.of("--training", "--widths=784-2000000-10"), "GiB of heap"),
                        bare(List.of("--widths=784-10"), "applies only with --training"))
                .andGood("--widths=784-10"));
        RULES.put("bench --train-examples", ints("--train-examples", 1, 60000)
                .needing("--training", "--data=" + NEW + "/mnist")
                .and(bare(List.of("--train-examples=10"), "applies only with --training")));
        RULES.put("bench --no-tap", flag("--no-tap").needing("--training", "--data=" + NEW + "/mnist")
                .and(bare(List.of("--no-tap"), "applies only with --training")));
        RULES.put("bench --stride", ints("--stride", 0, Long.MAX_VALUE).needing("--training", "--data=" + NEW + "/mnist")
                .and(bare(List.of("--stride=8"), "applies only with --training")));
        String slowness = "a number in (0, 1000]";
        RULES.put("bench --slow-analyzer", new Rule(List.of("--training", "--stride=8", "--data=" + NEW + "/mnist"),
                List.of(bad("--slow-analyzer=0", slowness), bad("--slow-analyzer=-1", slowness),
                        bad("--slow-analyzer=1000.5", slowness), bad("--slow-analyzer=NaN", slowness),
                        bad("--slow-analyzer=Infinity", slowness), bad("--slow-analyzer=x", slowness),
                        bad("--slow-analyzer=", slowness),
                        bare(List.of("--slow-analyzer=10"), "applies only with --training"),
                        bare(List.of("--training", "--slow-analyzer=10", "--data=" + NEW + "/mnist"),
                                "--slow-analyzer needs --stride K")),
                List.of(List.of("--slow-analyzer=1000"), List.of("--slow-analyzer=0.001"))));
        RULES.put("bench --data", directoryOption("--data").needing("--training")
                .and(bare(List.of("--data=" + DIR), "applies only with --training")));

        // spinmon help
        RULES.put("help COMMAND", new Rule(List.of(),
                List.of(bad("nosuch", "Unknown subcommand 'nosuch'", "commands: train, replay, serve, analyze,"
                        + " bench, mnist, help")),
                List.of(List.of("train"), List.of("mnist"))));
    }

    @TempDir
    static Path dir;

    private static final AtomicInteger CASES = new AtomicInteger();

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("a-file"), "not a snapshot");
        Files.createDirectories(dir.resolve("a-dir"));
        Files.createDirectories(dir.resolve("runs-with-taken").resolve("taken"));
        Path unreadable = Files.createDirectories(dir.resolve("unreadable"));
        unreadable.toFile().setReadable(false, false);
    }

    @Test
    void everyOptionOfEveryCommandHasARule() {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        forEachArg((command, arg) -> {
            String key = command.name() + " " + UsageErrors.name(arg);
            seen.add(key);
            Rule rule = rule(command.name(), arg);
            if (rule == null) {
                missing.add(key);
            } else {
                assertFalse(rule.bad().isEmpty(), key + " has no bad value");
                assertFalse(rule.good().isEmpty(), key + " has no good value");
            }
        });
        assertEquals(List.of(), missing, "options without a row in BadOptionsTest.RULES");
        assertTrue(seen.size() >= 100, "the commands have " + seen.size() + " options and parameters: " + seen);
        for (String key : RULES.keySet()) {
            assertTrue(key.startsWith("* ") ? seen.stream().anyMatch(s -> s.endsWith(key.substring(1)))
                    : seen.contains(key), "a row for no option: " + key);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadValueIsOneLineNamingTheOptionAndItsAllowedValues() {
        List<DynamicTest> tests = new ArrayList<>();
        forEachArg((command, arg) -> {
            Rule rule = rule(command.name(), arg);
            if (rule == null) {
                return;
            }
            String name = UsageErrors.name(arg);
            for (Bad bad : rule.bad()) {
                List<String> args = bad.bare() ? bad.args() : withNeeds(rule, bad.args());
                String prefix = command.name().equals("spinmon") || !arg.isOption() && command.name().equals("help")
                        ? "spinmon: " : "spinmon " + command.name() + ": ";
                tests.add(dynamicTest(command.name() + " " + String.join(" ", args),
                        () -> refused(command.name(), prefix, arg.isOption() ? name : "", args, bad.fragments())));
            }
        });
        if (!Files.isReadable(dir.resolve("unreadable"))) {
            for (String command : List.of("train", "replay", "analyze", "mnist")) {
                tests.add(dynamicTest(command + " --data=" + UNREADABLE, () -> refused(command,
                        "spinmon " + command + ": ", "--data",
                        List.of("--data=" + UNREADABLE), List.of("not readable"))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyGoodBoundaryValueIsAccepted() {
        List<DynamicTest> tests = new ArrayList<>();
        forEachArg((command, arg) -> {
            Rule rule = rule(command.name(), arg);
            if (rule == null) {
                return;
            }
            for (List<String> good : rule.good()) {
                List<String> args = withNeeds(rule, good);
                tests.add(dynamicTest(command.name() + " " + String.join(" ", args),
                        () -> accepted(command.name(), args)));
            }
        });
        return tests.stream();
    }

    @Test
    void picocliErrorsAreOneLineToo() {
        for (List<String> args : List.of(List.of("frobnicate"), List.of("train", "--lrr=1"), List.of("train", "--lr"),
                List.of("train", "--lr=1", "--lr=2"), List.of("analyze"), List.of("serve", DIR, DIR))) {
            String[] line = line(args);
            SpinmonMainTest.Run o = SpinmonMainTest.run(line);
            assertEquals(2, o.status(), String.join(" ", line));
            assertEquals(1, o.err().lines().count(), o.err());
            assertTrue(o.err().startsWith("spinmon"), o.err());
            assertTrue(o.err().strip().endsWith(" --help'"), o.err());
        }
        assertTrue(SpinmonMainTest.run("train", "--lrr=1").err().contains("did you mean --lr?"));
    }

    private static void refused(String command, String prefix, String option, List<String> args,
                                List<String> fragments) {
        int n = CASES.incrementAndGet();
        Path root = dir.resolve("case-" + n);
        String[] line = line(command, root, args);
        // The dry check first, so that a line the checks let through fails here instead of starting a command.
        StringWriter dry = new StringWriter();
        int checked = SpinmonMain.check(new PrintWriter(new StringWriter(), true), new PrintWriter(dry, true), line);
        assertEquals(2, checked, String.join(" ", line) + " was let through\n" + dry);
        SpinmonMainTest.Run o = SpinmonMainTest.run(line);
        String shown = String.join(" ", line) + "\n" + o.err();
        assertEquals(2, o.status(), shown);
        assertEquals(1, o.err().lines().count(), "one line: " + shown);
        assertTrue(o.err().startsWith(prefix), shown);
        assertTrue(o.err().contains(option), "names " + option + ": " + shown);
        for (String fragment : fragments) {
            assertTrue(o.err().contains(replace(fragment, root)), "says '" + fragment + "': " + shown);
        }
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "no stack trace: " + shown);
        assertEquals("", o.out(), shown);
        assertFalse(Files.exists(root.resolve("runs")), "no run directory: " + shown);
        assertFalse(Files.exists(root.resolve("mnist")), "no MNIST fetched, no training: " + shown);
        assertFalse(Files.exists(Path.of(root + ".om")), "no OpenMetrics file: " + shown);
    }

    private static void accepted(String command, List<String> args) {
        int n = CASES.incrementAndGet();
        Path root = dir.resolve("case-" + n);
        String[] line = line(command, root, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SpinmonMain.check(new PrintWriter(out, true), new PrintWriter(err, true), line);
        assertEquals(0, status, String.join(" ", line) + "\n" + err);
        assertEquals("", err.toString(), String.join(" ", line));
    }

    /** The command line: the command, its base arguments less those the case sets, the case's arguments. */
    private static String[] line(String command, Path root, List<String> args) {
        List<String> line = new ArrayList<>();
        if (!command.equals("spinmon")) {
            line.add(command);
        }
        boolean positional = args.stream().anyMatch(a -> !a.startsWith("-"));
        for (String base : BASE.getOrDefault(command, List.of())) {
            boolean set = base.startsWith("-") ? args.stream().anyMatch(a -> stem(a).equals(stem(base))) : positional;
            if (!set) {
                line.add(base);
            }
        }
        line.addAll(args);
        return line.stream().map(a -> replace(a, root)).toArray(String[]::new);
    }

    /** @return the option an argument sets: its name without the value and without a negating "no-" */
    private static String stem(String arg) {
        return arg.split("=")[0].replaceFirst("^--no-", "--");
    }

    private static String[] line(List<String> args) {
        return args.stream().map(a -> replace(a, dir.resolve("picocli"))).toArray(String[]::new);
    }

    private static String replace(String text, Path root) {
        return text.replace(NEW, root.toString()).replace(FILE, dir.resolve("a-file").toString())
                .replace(NO_PARENT, root.resolve("no").resolve("such").toString())
                .replace(UNDER_FILE, dir.resolve("a-file").resolve("x.om").toString())
                .replace(UNREADABLE, dir.resolve("unreadable").toString())
                .replace(EXISTING_RUN, dir.resolve("runs-with-taken").toString())
                .replace(DIR, dir.resolve("a-dir").toString());
    }

    private static List<String> withNeeds(Rule rule, List<String> args) {
        List<String> all = new ArrayList<>(rule.needs());
        all.removeIf(n -> args.stream().anyMatch(a -> a.equals(n) || a.startsWith(n.split("=")[0] + "=")));
        all.addAll(args);
        return all;
    }

    /** The row of {@code arg} of {@code command}: its own, else the shared one. */
    private static Rule rule(String command, ArgSpec arg) {
        String name = UsageErrors.name(arg);
        Rule own = RULES.get(command + " " + name);
        return own != null ? own : RULES.get("* " + name);
    }

    /** Calls {@code each} with every option and positional parameter of spinmon and of every command. */
    static void forEachArg(java.util.function.BiConsumer<CommandSpec, ArgSpec> each) {
        CommandSpec top = new CommandLine(new SpinmonMain()).getCommandSpec();
        List<CommandSpec> commands = new ArrayList<>(List.of(top));
        top.subcommands().values().forEach(c -> commands.add(c.getCommandSpec()));
        for (CommandSpec command : commands) {
            for (OptionSpec option : command.options()) {
                each.accept(command, option);
            }
            command.positionalParameters().forEach(p -> each.accept(command, p));
        }
    }

    private static Rule flag(String name) {
        return new Rule(List.of(), List.of(bad(name + "=maybe", "given without a value (a flag), or with =true or"
                + " =false", "'maybe'"), bad(name + "=", "given without a value"), bad(name + "=1", "=true or =false")),
                List.of(List.of(name), List.of(name + "=true"), List.of(name + "=FALSE")));
    }

    /** Below the least, above the most (or beyond the type), not a number, a fraction, nothing; good: the ends. */
    private static Rule ints(String name, long min, long max, String... needs) {
        String allowed = "an integer from " + min + " to " + max;
        List<Bad> bad = new ArrayList<>();
        bad.add(bad(name + "=" + BigInteger.valueOf(min).subtract(BigInteger.ONE), allowed));
        bad.add(bad(name + "=" + BigInteger.valueOf(max).add(BigInteger.ONE), allowed));
        bad.add(bad(name + "=x", allowed));
        bad.add(bad(name + "=1.5", allowed));
        bad.add(bad(name + "=", allowed));
        bad.add(bad(name + "=NaN", allowed));
        return new Rule(List.of(needs), bad, List.of(List.of(name + "=" + min), List.of(name + "=" + max)));
    }

    private static Rule positiveReal(String name) {
        String allowed = "a finite number > 0";
        return new Rule(List.of(),
                List.of(bad(name + "=0", allowed), bad(name + "=-1", allowed), bad(name + "=-0.0", allowed),
                        bad(name + "=NaN", allowed), bad(name + "=Infinity", allowed),
                        bad(name + "=-Infinity", allowed), bad(name + "=1e400", allowed), bad(name + "=x", allowed),
                        bad(name + "=", allowed), bad(name + "=0x1p3", allowed)),
                List.of(List.of(name + "=4.9e-324"), List.of(name + "=1.7976931348623157e308"),
                        List.of(name + "=1e-4")));
    }

    private static Rule widths(String name) {
        String allowed = "two or more integers >= 1 joined by '-'";
        return new Rule(List.of(),
                List.of(bad(name + "=784-0-10", allowed), bad(name + "=abc", allowed), bad(name + "=", allowed),
                        bad(name + "=784", allowed), bad(name + "=784--10", allowed), bad(name + "=784-x-10", allowed),
                        bad(name + "=784-99999999999-10", allowed), bad(name + "=-784-10", allowed),
                        bad(name + "=784-10-", allowed)),
                List.of());
    }

    private static Rule oneOf(String name, List<String> allowed, String... bad) {
        List<Bad> bads = new ArrayList<>();
        for (String b : bad) {
            bads.add(bad(name + "=" + b, "one of " + String.join(", ", allowed), "was '" + b + "'"));
        }
        List<List<String>> good = allowed.stream().map(a -> List.of(name + "=" + a)).toList();
        return new Rule(List.of(), bads, good);
    }

    private static Rule directoryOption(String name) {
        return new Rule(List.of(),
                List.of(bad(name + "=" + FILE, "a directory, or a path where one can be created", "not a directory"),
                        bad(name + "=", "a non-empty file system path")),
                List.of(List.of(name + "=" + DIR), List.of(name + "=" + NEW + "/mnist")));
    }

    private static Bad bad(String arg, String... fragments) {
        return new Bad(List.of(arg), List.of(fragments), false);
    }

    private static Bad bad(List<String> args, String... fragments) {
        return new Bad(args, List.of(fragments), false);
    }

    /** A bad command line given without what the option needs. */
    private static Bad bare(List<String> args, String... fragments) {
        return new Bad(args, List.of(fragments), true);
    }

}
