package org.spinmon.dashboard.audit;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds every place in Java compilation units where an exception is received, and judges whether it is
 * swallowed. Sources are parsed by JavaParser (Java 17); the check is syntactic, without type resolution.
 *
 * <h2>Sites</h2>
 * <ul>
 *   <li>every {@code catch} clause;</li>
 *   <li>the lambda handed to an error path: Reactor's {@code onErrorResume}, {@code onErrorMap},
 *       {@code onErrorContinue} and the error consumer of {@code subscribe(onNext, onError, ...)};
 *       CompletableFuture's {@code exceptionally}, {@code exceptionallyCompose} and {@code handle} (a
 *       one-argument {@code handle} with a two-parameter lambda is taken for CompletableFuture's, whose second
 *       parameter is the exception); Thread's {@code setUncaughtExceptionHandler} and
 *       {@code setDefaultUncaughtExceptionHandler};</li>
 *   <li>an error consumer: a lambda that initialises a variable or field declared with a throwable type
 *       argument ({@code BiConsumer<Snapshot, Exception> onFailure = (s, e) -> ...}), or that is passed to a
 *       method, declared in any of the audited units, whose parameter at that position has such a type
 *       ({@code record(dir, (s, e) -> ...)}); the lambda parameter at the position of the first throwable type
 *       argument is the exception;</li>
 *   <li>a method named {@code onError}, {@code hookOnError} or {@code uncaughtException} with a throwable
 *       parameter (subscriber and handler implementations);</li>
 *   <li>the operators that swallow by design, {@code onErrorReturn} and {@code onErrorComplete}, and those
 *       that cannot swallow, {@code doOnError} and {@code whenComplete} (the error goes on downstream);</li>
 *   <li>every {@code finally} block.</li>
 * </ul>
 * A type is throwable when its simple name is {@code Throwable}, {@code Exception}, {@code Error} or ends in
 * {@code Exception} or {@code Error}.
 *
 * <h2>The rule</h2>
 * A handler, with its exception variable {@code e}, passes when <em>every path</em> through its body, before it
 * ends or leaves by {@code return}, {@code break} or {@code continue}, does one of:
 * <ol>
 *   <li><b>throws</b> ({@code throw} anything: the failure goes on, translated or not);</li>
 *   <li><b>passes {@code e} on</b>: a statement, or the returned value, reads {@code e} or a local variable
 *       that was assigned from an expression reading it (wrapping it, recording it in a result, a list of
 *       problems or a field, printing its message, giving it to a sink or a callback); a mere type test
 *       ({@code e instanceof X}) and {@code e.printStackTrace()} (a stack trace is not the one-line report the
 *       user gets) do not count, nor does assigning it to a local that is never read;</li>
 *   <li><b>counts</b>: increments something ({@code x++}, {@code x += n}, {@code increment()},
 *       {@code incrementAndGet()}, {@code getAndIncrement()}, {@code addAndGet()}, {@code getAndAdd()});</li>
 *   <li><b>restores the interrupt flag</b> ({@code Thread.currentThread().interrupt()}), only when every
 *       caught type is {@code InterruptedException}.</li>
 * </ol>
 * Paths are followed through blocks, {@code if}/{@code else}, {@code switch}, {@code try}/{@code catch}/
 * {@code finally} and {@code synchronized}; a loop body may run zero times, so a loop alone never passes a
 * handler, but a {@code return} inside it that drops {@code e} fails it. So an empty catch, a catch that only
 * returns a default, {@code catch (Exception ignored) { }}, and a catch that reports on one branch only all
 * fail. {@code onErrorReturn} and {@code onErrorComplete} always fail; {@code doOnError} and
 * {@code whenComplete} always pass. A handler given as a method reference or a variable cannot be read here
 * and fails. A {@code finally} block fails when it contains {@code return} or {@code throw}, or calls a method
 * that some audited unit declares with a {@code throws} clause (same name and number of arguments) outside a
 * {@code try} that catches (all outside nested lambdas and classes): each can discard the exception in flight;
 * a try-with-resources resource is the way to clean up (its failure is attached as suppressed).
 *
 * <h2>Lossy reports</h2>
 * Separately from the rule, {@link HandlerSite#lossy()} marks a site whose exception is an {@code IOException}
 * (or a file-system one) and whose body takes its {@code getMessage()}: the message of a
 * {@code NoSuchFileException} or an {@code AccessDeniedException} is the bare path, so the report loses the
 * reason; {@code IoProblems.describe(e)} keeps it.
 *
 * <p>What the checks cannot see: whether a message that carries {@code e} is otherwise a good one (reviewed by
 * hand, see RELIABILITY.md), an expression that reads {@code e} but reports nothing, Reactor's
 * {@code subscribe()} without an error consumer (its name is shared with other APIs; errors then go to Reactor's
 * dropped-error hook, which logs them), and exceptions that leave our code for a framework that drops them.
 */
final class ExceptionHandlerAudit {

    private static final Set<String> FALLBACK_HANDLERS = Set.of("onErrorResume", "onErrorMap", "exceptionally",
            "exceptionallyAsync", "exceptionallyCompose", "exceptionallyComposeAsync", "onErrorContinue");
    private static final Set<String> VALUE_FALLBACKS = Set.of("onErrorReturn", "onErrorComplete");
    private static final Set<String> SIDE_EFFECTS = Set.of("doOnError", "whenComplete", "whenCompleteAsync");
    private static final Set<String> UNCAUGHT_HANDLERS = Set.of("setUncaughtExceptionHandler",
            "setDefaultUncaughtExceptionHandler");
    private static final Set<String> CALLBACK_METHODS = Set.of("onError", "hookOnError", "uncaughtException");
    private static final Set<String> COUNTING_CALLS = Set.of("increment", "incrementAndGet", "getAndIncrement",
            "addAndGet", "getAndAdd");

    /** The exceptions whose message can be a bare file name: IOException itself and the file-system ones. */
    private static final Set<String> IO_EXCEPTIONS = Set.of("IOException", "FileSystemException",
            "AccessDeniedException", "NoSuchFileException", "FileAlreadyExistsException", "DirectoryNotEmptyException",
            "NotDirectoryException", "NotLinkException", "FileSystemLoopException", "AtomicMoveNotSupportedException");
    private static final Set<String> MESSAGE_GETTERS = Set.of("getMessage", "getLocalizedMessage");

    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    private ExceptionHandlerAudit() {
    }

    /** @return {@code file} parsed; throws with JavaParser's problems when it does not parse */
    static CompilationUnit parse(Path file) throws IOException {
        return result(file.toString(), PARSER.parse(file));
    }

    /** @return {@code source} parsed; throws with JavaParser's problems when it does not parse */
    static CompilationUnit parse(String name, String source) {
        return result(name, PARSER.parse(source));
    }

    private static CompilationUnit result(String name, ParseResult<CompilationUnit> parsed) {
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new IllegalArgumentException(name + " does not parse: " + parsed.getProblems());
        }
        return parsed.getResult().get();
    }

    /** @return every exception-handling site of {@code unit}, with its verdict, in source order */
    static List<HandlerSite> audit(String file, CompilationUnit unit) {
        return audit(Map.of(file, unit));
    }

    /**
     * @param units the compilation units by file name; the methods they declare with an error-consumer
     *              parameter make the lambdas passed to them sites
     * @return every exception-handling site, with its verdict, by file and then in source order
     */
    static List<HandlerSite> audit(Map<String, CompilationUnit> units) {
        List<ErrorParameter> consumers = new ArrayList<>();
        Set<String> throwing = new HashSet<>();
        for (CompilationUnit u : units.values()) {
            for (MethodDeclaration m : u.findAll(MethodDeclaration.class)) {
                consumers.addAll(ErrorParameter.of(m));
                if (!m.getThrownExceptions().isEmpty()) {
                    throwing.add(m.getNameAsString() + "/" + m.getParameters().size());
                }
            }
        }
        List<HandlerSite> sites = new ArrayList<>();
        units.forEach((file, unit) -> sites.addAll(audit(file, unit, consumers, throwing)));
        sites.sort(Comparator.comparing(HandlerSite::file).thenComparingInt(HandlerSite::line)
                .thenComparing(HandlerSite::key));
        return sites;
    }

    private static List<HandlerSite> audit(String file, CompilationUnit unit, List<ErrorParameter> consumers,
                                           Set<String> throwing) {
        List<HandlerSite> sites = new ArrayList<>();
        for (CatchClause c : unit.findAll(CatchClause.class)) {
            Parameter p = c.getParameter();
            List<String> types = caughtTypes(p.getType());
            boolean interruptOnly = types.stream().allMatch("InterruptedException"::equals);
            sites.add(judge(file, c, HandlerSite.Kind.CATCH,
                    "catch (" + (p.getType() instanceof UnionType u ? u.getElements().stream().map(Type::asString)
                            .collect(Collectors.joining(" | ")) : p.getType().asString()) + " " + p.getNameAsString() + ")",
                    c.getBody(), p.getNameAsString(), interruptOnly, types.stream().anyMatch(IO_EXCEPTIONS::contains)));
        }
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            errorPath(file, call, consumers).ifPresent(sites::add);
        }
        for (VariableDeclarator v : unit.findAll(VariableDeclarator.class)) {
            errorConsumer(file, v).ifPresent(sites::add);
        }
        for (MethodDeclaration m : unit.findAll(MethodDeclaration.class)) {
            if (CALLBACK_METHODS.contains(m.getNameAsString()) && m.getBody().isPresent()) {
                m.getParameters().stream().filter(p -> throwable(p.getType())).findFirst().ifPresent(p ->
                        sites.add(judge(file, m, HandlerSite.Kind.ERROR_CALLBACK, "method " + m.getNameAsString()
                                + "(" + p + ")", m.getBody().get(), p.getNameAsString(), false,
                                IO_EXCEPTIONS.contains(simpleName(p.getType().asString())))));
            }
        }
        for (TryStmt t : unit.findAll(TryStmt.class)) {
            t.getFinallyBlock().ifPresent(f -> sites.add(finallyBlock(file, f, throwing)));
        }
        return sites;
    }

    /**
     * A parameter of a method declared in the audited sources that takes an error consumer, such as
     * {@code record(RunDirectory dir, BiConsumer<Snapshot, Exception> onFailure)}: a lambda passed there is a site.
     *
     * @param method    the method's name
     * @param arity     its number of parameters
     * @param argument  the position of the error consumer among them
     * @param exception the position of the exception among the consumer's parameters
     * @param io        whether the exception is an {@code IOException} (or a file-system one)
     */
    private record ErrorParameter(String method, int arity, int argument, int exception, boolean io) {

        static List<ErrorParameter> of(MethodDeclaration m) {
            List<ErrorParameter> found = new ArrayList<>();
            for (int i = 0; i < m.getParameters().size(); i++) {
                if (m.getParameter(i).getType() instanceof ClassOrInterfaceType t && t.getTypeArguments().isPresent()) {
                    List<Type> arguments = t.getTypeArguments().get();
                    for (int j = 0; j < arguments.size(); j++) {
                        if (throwable(arguments.get(j))) {
                            found.add(new ErrorParameter(m.getNameAsString(), m.getParameters().size(), i, j,
                                    IO_EXCEPTIONS.contains(simpleName(arguments.get(j).asString()))));
                            break;
                        }
                    }
                }
            }
            return found;
        }

        boolean matches(MethodCallExpr call) {
            return call.getNameAsString().equals(method) && call.getArguments().size() == arity;
        }
    }

    private static Optional<HandlerSite> errorPath(String file, MethodCallExpr call, List<ErrorParameter> consumers) {
        String name = call.getNameAsString();
        List<Expression> args = call.getArguments();
        if (args.isEmpty()) {
            return VALUE_FALLBACKS.contains(name) ? Optional.of(operator(file, call, true)) : Optional.empty();
        }
        if (VALUE_FALLBACKS.contains(name) || SIDE_EFFECTS.contains(name)) {
            return Optional.of(operator(file, call, VALUE_FALLBACKS.contains(name)));
        }
        if (FALLBACK_HANDLERS.contains(name)) {
            boolean io = args.size() == 2 && args.get(0) instanceof ClassExpr c
                    && IO_EXCEPTIONS.contains(simpleName(c.getType().asString()));
            return Optional.of(handler(file, call, args.get(args.size() - 1), 0, io));
        }
        if (UNCAUGHT_HANDLERS.contains(name)) {
            return Optional.of(handler(file, call, args.get(0), 1, false));
        }
        if (name.equals("subscribe") && args.size() >= 2) {
            return Optional.of(handler(file, call, args.get(1), 0, false));
        }
        if ((name.equals("handle") || name.equals("handleAsync")) && args.get(0) instanceof LambdaExpr l
                && l.getParameters().size() == 2) {
            return Optional.of(handler(file, call, l, 1, false));
        }
        for (ErrorParameter p : consumers) {
            if (p.matches(call) && (args.get(p.argument()) instanceof LambdaExpr
                    || args.get(p.argument()) instanceof MethodReferenceExpr)) {
                return Optional.of(handler(file, call, args.get(p.argument()), p.exception(), p.io()));
            }
        }
        return Optional.empty();
    }

    private static HandlerSite operator(String file, MethodCallExpr call, boolean swallows) {
        Optional<String> problem = swallows
                ? Optional.of("replaces the error with a value and neither counts nor reports it")
                : Optional.empty();
        return new HandlerSite(file, line(call), HandlerSite.Kind.ERROR_OPERATOR,
                key(call, call.getNameAsString() + "(...)"), problem,
                problem.orElse("side effect only: the error goes on downstream"), Optional.empty());
    }

    private static HandlerSite handler(String file, MethodCallExpr call, Expression handler, int exceptionParameter,
                                       boolean io) {
        String label = call.getNameAsString() + "(" + (handler instanceof LambdaExpr l ? parameters(l) + " -> ..."
                : handler.toString()) + ")";
        if (!(handler instanceof LambdaExpr lambda) || lambda.getParameters().size() <= exceptionParameter) {
            String problem = "the handler is not a lambda taking the exception, so it cannot be audited";
            return new HandlerSite(file, line(call), HandlerSite.Kind.ERROR_CALLBACK, key(call, label),
                    Optional.of(problem), problem, Optional.empty());
        }
        return judge(file, call, HandlerSite.Kind.ERROR_CALLBACK, label, lambda.getBody(),
                lambda.getParameter(exceptionParameter).getNameAsString(), false, io);
    }

    private static Optional<HandlerSite> errorConsumer(String file, VariableDeclarator v) {
        if (!(v.getInitializer().orElse(null) instanceof LambdaExpr lambda)
                || !(v.getType() instanceof ClassOrInterfaceType type) || type.getTypeArguments().isEmpty()) {
            return Optional.empty();
        }
        List<Type> arguments = type.getTypeArguments().get();
        for (int i = 0; i < arguments.size() && i < lambda.getParameters().size(); i++) {
            if (throwable(arguments.get(i))) {
                return Optional.of(judge(file, lambda, HandlerSite.Kind.ERROR_CALLBACK,
                        "lambda " + parameters(lambda) + " -> ...", lambda.getBody(),
                        lambda.getParameter(i).getNameAsString(), false,
                        IO_EXCEPTIONS.contains(simpleName(arguments.get(i).asString()))));
            }
        }
        return Optional.empty();
    }

    private static HandlerSite finallyBlock(String file, BlockStmt block, Set<String> throwing) {
        Optional<String> problem = Optional.empty();
        Optional<MethodCallExpr> mayThrow = own(block, MethodCallExpr.class).stream().filter(c -> throwing.contains(
                c.getNameAsString() + "/" + c.getArguments().size()) && !inCatchingTry(c, block)).findFirst();
        if (!own(block, ReturnStmt.class).isEmpty()) {
            problem = Optional.of("a return in finally discards the exception in flight");
        } else if (!own(block, ThrowStmt.class).isEmpty()) {
            problem = Optional.of("a throw in finally replaces the exception in flight");
        } else if (mayThrow.isPresent()) {
            problem = Optional.of(mayThrow.get().getNameAsString() + "(...) is declared to throw: its failure in"
                    + " finally would replace the exception in flight");
        }
        return new HandlerSite(file, line(block), HandlerSite.Kind.FINALLY, key(block, "finally"), problem,
                problem.orElse("neither returns nor throws"), Optional.empty());
    }

    /** @return whether {@code call} sits in the try block of a try statement inside {@code root} that catches */
    private static boolean inCatchingTry(Node call, Node root) {
        for (Node p = call; p != root && p != null; p = p.getParentNode().orElse(null)) {
            if (p.getParentNode().orElse(null) instanceof TryStmt t && t.getTryBlock() == p
                    && !t.getCatchClauses().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @return the {@code type} nodes under {@code root}, leaving out nested lambdas and classes */
    private static <T extends Node> List<T> own(Node root, Class<T> type) {
        return root.findAll(type).stream().filter(n -> n.getParentNode().map(p -> ownedBy(p, root)).orElse(false))
                .toList();
    }

    private static boolean ownedBy(Node n, Node root) {
        for (Node p = n; p != null; p = p.getParentNode().orElse(null)) {
            if (p == root) {
                return true;
            }
            if (p instanceof LambdaExpr || p instanceof TypeDeclaration<?>
                    || p instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
                return false;
            }
        }
        return false;
    }

    private static HandlerSite judge(String file, Node site, HandlerSite.Kind kind, String label, Statement body,
                                     String variable, boolean interruptOnly, boolean io) {
        Paths paths = new Paths(variable, interruptOnly, locals(site));
        Flow flow = paths.statement(body);
        Optional<String> problem = Optional.empty();
        if (body instanceof BlockStmt b && b.getStatements().isEmpty()) {
            problem = Optional.of("empty handler: the exception is dropped");
        } else if (paths.how == null) {
            problem = Optional.of("drops the exception: it is neither rethrown, passed on, counted nor reported");
        } else if (flow.leak()) {
            problem = Optional.of("a return, break or continue leaves the handler without rethrowing, passing on,"
                    + " counting or reporting the exception");
        } else if (flow.end() == End.OPEN) {
            problem = Optional.of("a path through the handler ends without rethrowing, passing on, counting or"
                    + " reporting the exception");
        }
        Optional<String> lossy = io && body.findAll(MethodCallExpr.class).stream().anyMatch(c
                -> MESSAGE_GETTERS.contains(c.getNameAsString()) && c.getScope().filter(x -> x instanceof NameExpr n
                && n.getNameAsString().equals(variable)).isPresent())
                ? Optional.of("takes the message of an IOException, which can be a bare path (NoSuchFileException,"
                        + " AccessDeniedException): say it with IoProblems.describe(" + variable + ")")
                : Optional.empty();
        return new HandlerSite(file, line(site), kind, key(site, label), problem, problem.orElse(paths.how), lossy);
    }

    private static List<String> caughtTypes(Type type) {
        if (type instanceof UnionType u) {
            return u.getElements().stream().map(t -> simpleName(t.asString())).toList();
        }
        return List.of(simpleName(type.asString()));
    }

    private static boolean throwable(Type type) {
        if (!(type instanceof ClassOrInterfaceType t)) {
            return false;
        }
        String name = t.getNameAsString();
        return name.equals("Throwable") || name.equals("Exception") || name.equals("Error")
                || name.endsWith("Exception") || name.endsWith("Error");
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String parameters(LambdaExpr lambda) {
        String names = lambda.getParameters().stream().map(Parameter::getNameAsString)
                .collect(Collectors.joining(", "));
        return lambda.getParameters().size() == 1 ? names : "(" + names + ")";
    }

    private static int line(Node n) {
        return n.getBegin().map(p -> p.line).orElse(0);
    }

    /** @return the names declared as locals or parameters in the callable (or lambda) that holds {@code site} */
    private static Set<String> locals(Node site) {
        Node scope = site;
        boolean inLambda = false;
        for (Node p = site.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
            if (p instanceof CallableDeclaration<?>) {
                scope = p;
                break;
            }
            if (!inLambda && p instanceof LambdaExpr) {
                scope = p;
                inLambda = true;
            }
        }
        Set<String> names = new HashSet<>();
        scope.findAll(VariableDeclarator.class).stream()
                .filter(v -> v.getParentNode().filter(FieldDeclaration.class::isInstance).isEmpty())
                .forEach(v -> names.add(v.getNameAsString()));
        scope.findAll(Parameter.class).forEach(p -> names.add(p.getNameAsString()));
        return names;
    }

    /** @return {@code Type.Nested.member: label}, the site's name independent of line numbers */
    private static String key(Node site, String label) {
        Deque<String> types = new ArrayDeque<>();
        String member = null;
        for (Node p = site; p != null; p = p.getParentNode().orElse(null)) {
            if (member == null) {
                member = member(p);
            }
            if (p instanceof TypeDeclaration<?> t) {
                types.addFirst(t.getNameAsString());
            } else if (p instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
                types.addFirst("new " + o.getType().getNameAsString());
            }
        }
        return String.join(".", types) + (member == null ? "" : "." + member) + ": " + label;
    }

    private static String member(Node p) {
        if (p instanceof MethodDeclaration m) {
            return m.getNameAsString();
        }
        if (p instanceof ConstructorDeclaration) {
            return "<init>";
        }
        if (p instanceof InitializerDeclaration i) {
            return i.isStatic() ? "<clinit>" : "<init>";
        }
        if (p instanceof VariableDeclarator v && v.getParentNode().filter(FieldDeclaration.class::isInstance)
                .isPresent()) {
            return v.getNameAsString();
        }
        if (p instanceof EnumConstantDeclaration e) {
            return e.getNameAsString();
        }
        return null;
    }

    /** Whether the paths that reach the end of a statement have disposed of the exception. */
    private enum End {
        /** no path completes normally */
        NONE,
        /** every path that completes normally has disposed of it */
        DONE,
        /** some path completes normally without having disposed of it */
        OPEN;

        End join(End other) {
            if (this == NONE) {
                return other;
            }
            if (other == NONE) {
                return this;
            }
            return this == OPEN || other == OPEN ? OPEN : DONE;
        }
    }

    /**
     * @param end   how normal completion stands
     * @param leak  whether some return, break or continue leaves the handler before it disposed of the exception
     * @param brk   how the breaks to a loop or switch inside the handler stand
     */
    private record Flow(End end, boolean leak, End brk) {
        static final Flow OPEN = new Flow(End.OPEN, false, End.NONE);
        static final Flow DONE = new Flow(End.DONE, false, End.NONE);
        static final Flow GONE = new Flow(End.NONE, false, End.NONE);
        static final Flow LEAK = new Flow(End.NONE, true, End.NONE);

        Flow or(Flow other) {
            return new Flow(end.join(other.end), leak || other.leak, brk.join(other.brk));
        }
    }

    /** The path analysis of one handler body. */
    private static final class Paths {
        private final Set<String> aliases = new HashSet<>();
        private final boolean interruptOnly;
        private final Set<String> locals;
        private int depth;
        private String how;

        Paths(String variable, boolean interruptOnly, Set<String> locals) {
            aliases.add(variable);
            this.interruptOnly = interruptOnly;
            this.locals = locals;
        }

        Flow statement(Statement s) {
            if (s instanceof BlockStmt b) {
                return sequence(b.getStatements());
            }
            if (s instanceof ThrowStmt) {
                disposed("throws");
                return Flow.GONE;
            }
            if (s instanceof ReturnStmt r) {
                if (r.getExpression().filter(this::reads).isPresent()) {
                    disposed("passes the exception on");
                    return Flow.GONE;
                }
                return Flow.LEAK;
            }
            if (s instanceof BreakStmt) {
                return depth > 0 ? new Flow(End.NONE, false, End.OPEN) : Flow.LEAK;
            }
            if (s instanceof ContinueStmt) {
                return depth > 0 ? Flow.GONE : Flow.LEAK;
            }
            if (s instanceof ExpressionStmt e) {
                return expression(e.getExpression()) ? Flow.DONE : Flow.OPEN;
            }
            if (s instanceof IfStmt i) {
                patterns(i.getCondition());
                Flow then = statement(i.getThenStmt());
                return then.or(i.getElseStmt().map(this::statement).orElse(Flow.OPEN));
            }
            if (s instanceof TryStmt t) {
                Flow all = statement(t.getTryBlock());
                for (CatchClause c : t.getCatchClauses()) {
                    all = all.or(statement(c.getBody()));
                }
                if (t.getFinallyBlock().isEmpty()) {
                    return all;
                }
                Flow fin = statement(t.getFinallyBlock().get());
                End end = fin.end() == End.DONE && all.end() != End.NONE ? End.DONE : all.end();
                return new Flow(end, all.leak() || fin.leak(), all.brk());
            }
            if (s instanceof SynchronizedStmt y) {
                return statement(y.getBody());
            }
            if (s instanceof LabeledStmt l) {
                return statement(l.getStatement());
            }
            if (s instanceof WhileStmt || s instanceof DoStmt || s instanceof ForStmt || s instanceof ForEachStmt) {
                depth++;
                Flow body = statement(loopBody(s));
                depth--;
                return new Flow(End.OPEN, body.leak(), End.NONE);
            }
            if (s instanceof SwitchStmt w) {
                return switchStatement(w);
            }
            return Flow.OPEN;
        }

        private static Statement loopBody(Statement loop) {
            if (loop instanceof WhileStmt w) {
                return w.getBody();
            }
            if (loop instanceof DoStmt d) {
                return d.getBody();
            }
            if (loop instanceof ForStmt f) {
                return f.getBody();
            }
            return ((ForEachStmt) loop).getBody();
        }

        private Flow switchStatement(SwitchStmt w) {
            depth++;
            End exits = End.NONE;
            boolean leak = false;
            boolean hasDefault = false;
            for (SwitchEntry entry : w.getEntries()) {
                hasDefault |= entry.isDefault() || entry.getLabels().isEmpty();
                Flow f = sequence(entry.getStatements());
                exits = exits.join(f.end()).join(f.brk());
                leak |= f.leak();
            }
            depth--;
            return new Flow(hasDefault ? exits : exits.join(End.OPEN), leak, End.NONE);
        }

        private Flow sequence(List<Statement> statements) {
            End end = End.OPEN;
            boolean leak = false;
            End brk = End.NONE;
            for (Statement s : statements) {
                if (end != End.OPEN) {
                    break;
                }
                Flow f = statement(s);
                leak |= f.leak();
                brk = brk.join(f.brk());
                end = f.end();
            }
            return new Flow(end, leak, brk);
        }

        /** @return whether evaluating {@code x} as a statement disposes of the exception */
        private boolean expression(Expression x) {
            if (x instanceof VariableDeclarationExpr d) {
                for (VariableDeclarator v : d.getVariables()) {
                    if (v.getInitializer().filter(this::reads).isPresent()) {
                        aliases.add(v.getNameAsString());
                    }
                }
                return false;
            }
            if (x instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT)) {
                return disposed("counts");
            }
            if (x instanceof AssignExpr a) {
                if (!reads(a.getValue())) {
                    return a.getOperator() != AssignExpr.Operator.ASSIGN && disposed("counts");
                }
                if (a.getTarget() instanceof NameExpr n && locals.contains(n.getNameAsString())) {
                    aliases.add(n.getNameAsString());
                    return false;
                }
                return disposed("records the exception in a field");
            }
            if (x instanceof MethodCallExpr call) {
                if (COUNTING_CALLS.contains(call.getNameAsString())) {
                    return disposed("counts");
                }
                if (interruptOnly && restoresInterrupt(call)) {
                    return disposed("restores the interrupt flag");
                }
            }
            return reads(x) && disposed("passes the exception on");
        }

        private boolean disposed(String what) {
            if (how == null) {
                how = what;
            }
            return true;
        }

        private static boolean restoresInterrupt(MethodCallExpr call) {
            return call.getNameAsString().equals("interrupt") && call.getArguments().isEmpty()
                    && call.getScope().filter(s -> s instanceof MethodCallExpr c
                    && c.getNameAsString().equals("currentThread")).isPresent();
        }

        /** Adds the variables of {@code e instanceof X x} patterns in {@code condition} to the aliases. */
        private void patterns(Expression condition) {
            for (InstanceOfExpr i : condition.findAll(InstanceOfExpr.class)) {
                if (i.getExpression() instanceof NameExpr n && aliases.contains(n.getNameAsString())) {
                    i.getPattern().filter(TypePatternExpr.class::isInstance).map(TypePatternExpr.class::cast)
                            .ifPresent(p -> aliases.add(p.getNameAsString()));
                }
            }
        }

        /** @return whether {@code x} reads the exception (or an alias) other than by a type test or a stack trace */
        private boolean reads(Expression x) {
            return x.findAll(NameExpr.class).stream().anyMatch(n -> aliases.contains(n.getNameAsString())
                    && n.getParentNode().filter(p -> p instanceof InstanceOfExpr
                    || p instanceof MethodCallExpr c && c.getNameAsString().equals("printStackTrace")
                    && c.getScope().filter(scope -> scope == n).isPresent()).isEmpty());
        }
    }
}
