package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * Where the commands listen (RELIABILITY.md, "HTTP"), through {@link SpinmonMain} as a user runs them: a port in use
 * is one line naming the address and {@code --port}, before anything else is done; an address beyond this machine
 * prints a warning; loopback addresses print none; a host that does not resolve is a usage error. Nothing here
 * listens beyond this machine: every start that would fails on a port held on 127.0.0.1 (a wildcard address cannot
 * take a port a loopback address listens on), or on an address that is not this machine's (192.0.2.1, TEST-NET-1).
 */
class ServerAddressTest {

    @TempDir
    Path dir;

    private ServerSocket busy;
    private int port;

    @BeforeEach
    void holdAPort() throws IOException {
        busy = new ServerSocket();
        busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = busy.getLocalPort();
    }

    @AfterEach
    void release() throws IOException {
        busy.close();
    }

    /** Runs {@code serve} in a thread; a start that unexpectedly succeeds is stopped (interrupted) and fails. */
    private SpinmonMainTest.Run serve(String... more) throws InterruptedException {
        String[] args = new String[more.length + 2];
        args[0] = "serve";
        args[1] = dir.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        SpinmonMainTest.Run[] run = new SpinmonMainTest.Run[1];
        Thread serve = new Thread(() -> run[0] = SpinmonMainTest.run(args));
        serve.start();
        serve.join(30_000);
        if (serve.isAlive()) {
            serve.interrupt();
            serve.join(10_000);
            fail("serve " + String.join(" ", more) + " started instead of failing");
        }
        return run[0];
    }

    private static void oneLineNoStackTrace(SpinmonMainTest.Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void aPortInUseIsOneLineNamingTheAddressAndTheOption() throws Exception {
        SpinmonMainTest.Run r = serve("--port", String.valueOf(port));
        assertEquals(1, r.status());
        assertEquals("spinmon serve: cannot listen on 127.0.0.1:" + port + ": the port is in use (another spinmon?);"
                + " choose another --port\n", r.err());
        assertEquals("", r.out());
        oneLineNoStackTrace(r);
    }

    @Test
    void trainListensBeforeItFetchesMnistOrCreatesItsRunDirectory() throws Exception {
        Path runs = dir.resolve("runs");
        SpinmonMainTest.Run r = SpinmonMainTest.run("train", "--widths", "784-16-10", "--max-steps", "1", "--no-progress",
                "--probe-size", "0", "--data", TestMnist.unpacked().toString(), "--runs", runs.toString(), "--port",
                String.valueOf(port));
        assertEquals(1, r.status(), r.err());
        assertEquals("spinmon train: cannot listen on 127.0.0.1:" + port + ": the port is in use (another spinmon?);"
                + " choose another --port\n", r.err());
        assertFalse(Files.exists(runs), "no run directory");
        oneLineNoStackTrace(r);
    }

    @Test
    void anAddressBeyondThisMachinePrintsAWarningFirst() throws Exception {
        for (String host : new String[]{"0.0.0.0", "::"}) {
            SpinmonMainTest.Run r = serve("--host", host, "--port", String.valueOf(port));
            assertEquals(1, r.status(), r.err());
            String shown = host.contains(":") ? "[" + host + "]" : host;
            assertEquals("spinmon serve: warning: --host " + host + " serves the metrics and the runs API beyond this"
                    + " machine, without authentication\nspinmon serve: cannot listen on " + shown + ":" + port
                    + ": the port is in use (another spinmon?); choose another --port\n", r.err());
        }
        SpinmonMainTest.Run foreign = serve("--host", "192.0.2.1", "--port", "0");
        assertEquals(1, foreign.status());
        assertEquals("spinmon serve: warning: --host 192.0.2.1 serves the metrics and the runs API beyond this machine,"
                + " without authentication\nspinmon serve: cannot listen on 192.0.2.1:0: Cannot assign requested"
                + " address; --host must be an address of this machine\n", foreign.err());
    }

    @Test
    void loopbackAddressesPrintNoWarning() throws Exception {
        try (ServerSocket v6 = new ServerSocket()) {
            v6.bind(new InetSocketAddress("::1", port));
            for (String host : new String[]{"127.0.0.1", "localhost", "::1"}) {
                SpinmonMainTest.Run r = serve("--host", host, "--port", String.valueOf(port));
                assertEquals(1, r.status(), host + ": " + r.err());
                assertFalse(r.err().contains("warning"), r.err());
                assertTrue(r.err().startsWith("spinmon serve: cannot listen on "), r.err());
                assertEquals(1, r.err().lines().count(), r.err());
            }
        }
    }

    /** Checked as the option is parsed, before anything listens: one line, exit status 2. */
    @Test
    void aHostThatDoesNotResolveIsAUsageError() throws Exception {
        // .invalid never resolves (RFC 6761).
        SpinmonMainTest.Run r = serve("--host", "no-such-host.invalid", "--port", "0");
        assertEquals(2, r.status());
        assertEquals("spinmon serve: --host must be an IP address or a host name that resolves, was"
                + " 'no-such-host.invalid' (the reserved domain .invalid never resolves)\n", r.err());
        oneLineNoStackTrace(r);
    }
}
