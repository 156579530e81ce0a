package org.spinmon.dashboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link ExceptionHandlerAudit} on snippets: what it must flag and what it must let pass. */
class ExceptionHandlerAuditTest {

    private static List<HandlerSite> audit(String source) {
        return ExceptionHandlerAudit.audit("Snippet.java", ExceptionHandlerAudit.parse("Snippet.java", source));
    }

    private static HandlerSite only(String source) {
        List<HandlerSite> sites = audit(source);
        assertEquals(1, sites.size(), sites.toString());
        return sites.get(0);
    }

    private static String method(String body) {
        return "class Snippet { Object m() { " + body + " } }";
    }

    @Nested
    class CatchBlocks extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("try { work(); } catch (Exception e) { " + body + " } return null;");
        }
    }

    @Nested
    class OnErrorResume extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("return flux.onErrorResume(IllegalStateException.class, e -> { " + body + " });");
        }
    }

    @Nested
    class OnErrorContinue extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("return flux.onErrorContinue((e, value) -> { " + body + " });");
        }
    }

    @Nested
    class SubscribeErrorConsumers extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("return flux.subscribe(value -> { }, e -> { " + body + " });");
        }
    }

    @Nested
    class Exceptionally extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("return future.exceptionally(e -> { " + body + " });");
        }
    }

    @Nested
    class Handle extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("return future.handle((value, e) -> { " + body + " });");
        }
    }

    @Nested
    class UncaughtExceptionHandlers extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return method("thread.setUncaughtExceptionHandler((t, e) -> { " + body + " }); return null;");
        }
    }

    @Nested
    class ErrorConsumerFields extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return "class Snippet { BiConsumer<Path, IOException> onFailure = (file, e) -> { " + body + " }; }";
        }
    }

    @Nested
    class LambdasPassedToAnErrorConsumerParameter extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return "class Snippet { void record(Path dir, BiConsumer<Snapshot, Exception> onFailure) { }"
                    + " void m() { record(dir, (s, e) -> { " + body + " }); } }";
        }
    }

    @Nested
    class SubscriberOnError extends HandlerRuleChecks {
        @Override
        String unit(String body) {
            return "class Snippet implements Subscriber<String> { public void onError(Throwable e) { " + body
                    + " } }";
        }
    }

    @Test
    void restoringTheInterruptFlagPassesOnlyForAnInterruptedException() {
        assertFalse(only(method("try { work(); } catch (InterruptedException e) {"
                + " Thread.currentThread().interrupt(); return null; } return null;")).swallows());
        assertTrue(only(method("try { work(); } catch (InterruptedException | java.io.IOException e) {"
                + " Thread.currentThread().interrupt(); } return null;")).swallows());
        assertTrue(only(method("try { work(); } catch (Exception e) { Thread.currentThread().interrupt(); }"
                + " return null;")).swallows());
    }

    @Test
    void expressionLambdasPassOnlyWhenTheyUseTheException() {
        assertTrue(only(method("return flux.onErrorResume(e -> Mono.empty());")).swallows());
        assertFalse(only(method("return flux.onErrorResume(e -> Mono.error(new IllegalStateException(e)));"))
                .swallows());
        assertFalse(only(method("return flux.onErrorMap(e -> new java.io.UncheckedIOException(e));")).swallows());
    }

    @Test
    void aHandlerThatIsNotALambdaCannotBeAuditedAndFails() {
        HandlerSite site = only(method("return flux.onErrorResume(this::fallback);"));
        assertTrue(site.swallows());
        assertTrue(site.problem().orElseThrow().contains("cannot be audited"), site.describe());
    }

    @Test
    void onErrorReturnAndOnErrorCompleteSwallowAndDoOnErrorPasses() {
        assertTrue(only(method("return flux.onErrorReturn(0);")).swallows());
        assertTrue(only(method("return flux.onErrorReturn(IllegalStateException.class, 0);")).swallows());
        assertTrue(only(method("return flux.onErrorComplete();")).swallows());
        HandlerSite side = only(method("return flux.doOnError(e -> { });"));
        assertFalse(side.swallows());
        assertEquals(HandlerSite.Kind.ERROR_OPERATOR, side.kind());
    }

    @Test
    void aFinallyBlockMustNotReturnThrowOrCallSomethingDeclaredToThrow() {
        assertTrue(only(method("try { work(); } finally { return null; }")).swallows());
        assertTrue(only(method("try { work(); } finally { throw new IllegalStateException(); }")).swallows());
        String cleanup = "class Snippet { static void delete(Path p) throws IOException { }"
                + " void m(Path p) { try { work(); } finally { %s } } }";
        HandlerSite throwing = only(String.format(cleanup, "delete(p);"));
        assertTrue(throwing.swallows());
        assertTrue(throwing.problem().orElseThrow().startsWith("delete(...) is declared to throw"), throwing.describe());
        List<HandlerSite> guarded = audit(String.format(cleanup,
                "try { delete(p); } catch (IOException e) { failures++; }"));
        assertTrue(guarded.stream().noneMatch(HandlerSite::swallows), guarded.toString());
        assertFalse(only(method("try { work(); } finally { lock.unlock(); }")).swallows());
    }

    @Test
    void theMessageOfAnIOExceptionIsLossyButItsDescriptionIsNot() {
        HandlerSite lossy = only(method("try { work(); } catch (IOException e) { err.println(e.getMessage()); }"
                + " return null;"));
        assertFalse(lossy.swallows());
        assertTrue(lossy.lossy().orElseThrow().contains("IoProblems.describe(e)"), lossy.describeLossy());
        assertTrue(only(method("try { work(); } catch (IOException e) { err.println(IoProblems.describe(e)); }"
                + " return null;")).lossy().isEmpty());
        assertTrue(only(method("try { work(); } catch (IllegalArgumentException e) { err.println(e.getMessage()); }"
                + " return null;")).lossy().isEmpty());
        assertTrue(only(method("return flux.onErrorResume(IOException.class, e -> { err.println(e.getMessage());"
                + " return Mono.empty(); });")).lossy().isPresent());
        assertTrue(only("class Snippet { BiConsumer<Path, IOException> f = (p, e) -> err.println(e.getMessage()); }")
                .lossy().isPresent());
    }

    /** The keys name the type, the member and the handler, not lines: the allow-list relies on them. */
    @Test
    void keysNameTypeMemberAndHandler() {
        assertEquals("Snippet.m: catch (IllegalStateException | java.io.IOException e)", only(method(
                "try { work(); } catch (IllegalStateException | java.io.IOException e) { } return null;")).key());
        assertEquals("Snippet.Builder.onFailure: lambda (s, e) -> ...", only("class Snippet { static class Builder {"
                + " BiConsumer<String, Exception> onFailure = (s, e) -> { }; } }").key());
        assertEquals("Snippet.m: onErrorResume(e -> ...)", only(method("return flux.onErrorResume(e -> null);")).key());
    }

    /** A method with an error-consumer parameter, declared in one file, makes the lambdas passed in another sites. */
    @Test
    void errorConsumerParametersAreKnownAcrossFiles() {
        Map<String, com.github.javaparser.ast.CompilationUnit> units = new LinkedHashMap<>();
        units.put("A.java", ExceptionHandlerAudit.parse("A.java",
                "class A { A record(Path dir, BiConsumer<Snapshot, Exception> onFailure) { return this; } }"));
        units.put("B.java", ExceptionHandlerAudit.parse("B.java",
                "class B { void m(A a) { a.record(dir, (s, e) -> { }); a.record(dir, (s, e) -> errors.add(e)); } }"));
        List<HandlerSite> sites = ExceptionHandlerAudit.audit(units);
        assertEquals(List.of(true, false), sites.stream().map(HandlerSite::swallows).toList(), sites.toString());
        assertEquals("B.java", sites.get(0).file());
    }
}
