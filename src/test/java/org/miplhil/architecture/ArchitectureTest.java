package org.miplhil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.miplhil.dut.state.ModuleState;

/**
 * The rules of docs/architecture.md ("Must not know about"), checked on every build: a package that reaches
 * upward, or two packages that import each other, fail {@code ./mvnw verify} with the offending classes and lines.
 */
@AnalyzeClasses(packages = "org.miplhil", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String AT = "org.miplhil.at..";
    private static final String YAML = "org.miplhil.yaml..";
    private static final String JSON = "org.miplhil.json..";
    private static final String LINK = "org.miplhil.link..";
    private static final String OBJECTS = "org.miplhil.objects..";
    private static final String DUT = "org.miplhil.dut..";
    private static final String SIM = "org.miplhil.sim..";
    private static final String PLATFORM = "org.miplhil.platform..";
    private static final String POWER = "org.miplhil.power..";
    private static final String REPORT = "org.miplhil.report..";
    private static final String SUITE_MODEL = "org.miplhil.suite";
    private static final String SUITE = "org.miplhil.suite..";
    private static final String SELFCHECK = "org.miplhil.selfcheck..";
    private static final String LAUNCH = "org.miplhil.launch..";
    private static final String JUNIT = "org.miplhil.junit..";
    private static final String CLI = "org.miplhil.cli..";
    private static final String NETWORK = "org.miplhil.network..";
    private static final String CONTAINER = "org.miplhil.container..";

    /** Every package, sub-packages included, is its own slice: no two of them may import each other. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.miplhil.(**)").should().beFreeOfCycles();

    /** at: the pure AT codec (command lines, URCs, ranges of chapter 3-5) knows nothing else of the project. */
    @ArchTest
    static final ArchRule atIsPure = noClasses().that().resideInAPackage(AT).should().dependOnClassesThat()
            .resideInAnyPackage(YAML, LINK, OBJECTS, DUT, SIM, PLATFORM, POWER, REPORT, SUITE, SELFCHECK, JUNIT, CLI);

    /** yaml, json and link are leaves: a YAML reader with positions, the project's JSON settings, byte channels. */
    @ArchTest
    static final ArchRule leavesStandAlone = noClasses().that().resideInAnyPackage(YAML, JSON, LINK).should()
            .dependOnClassesThat().resideInAnyPackage(AT, OBJECTS, DUT, SIM, PLATFORM, POWER, REPORT, SUITE, SELFCHECK,
                    JUNIT, CLI);

    /** report: what a person reads the next morning; it is told what happened and knows nothing of how it ran. */
    @ArchTest
    static final ArchRule reportKnowsNoRun = noClasses().that().resideInAPackage(REPORT).should()
            .dependOnClassesThat().resideInAnyPackage(AT, OBJECTS, DUT, SIM, PLATFORM, POWER, SUITE, SELFCHECK, JUNIT,
                    CLI);

    /** objects: the MCU's object model (fixtures, values) reads AT types and YAML, nothing that runs. */
    @ArchTest
    static final ArchRule objectsAreData = noClasses().that().resideInAPackage(OBJECTS).should().dependOnClassesThat()
            .resideInAnyPackage(LINK, DUT, SIM, PLATFORM, POWER, REPORT, SUITE, SELFCHECK, JUNIT, CLI);

    /**
     * dut: drives any module, real or virtual, through a link. It must not know the virtual module, the platform
     * or the suites: a hardware module goes through the same code.
     */
    @ArchTest
    static final ArchRule dutKnowsNoVirtualModule = noClasses().that().resideInAPackage(DUT).should()
            .dependOnClassesThat().resideInAnyPackage(SIM, PLATFORM, SUITE, SELFCHECK, JUNIT, CLI, REPORT);

    /** sim: the virtual module imitates the firmware; it knows neither the harness that tests it nor our platform. */
    @ArchTest
    static final ArchRule simKnowsNoHarness = noClasses().that().resideInAPackage(SIM).should().dependOnClassesThat()
            .resideInAnyPackage(DUT, PLATFORM, POWER, REPORT, SUITE, SELFCHECK, JUNIT, CLI);

    /** platform: a server the module talks to; it knows neither module side (sim, dut) nor the suites. */
    @ArchTest
    static final ArchRule platformKnowsNoModule = noClasses().that().resideInAPackage(PLATFORM).should()
            .dependOnClassesThat().resideInAnyPackage(SIM, DUT, SUITE, SELFCHECK, JUNIT, CLI, REPORT, POWER);

    /**
     * platform.onenet: OneNET's protocol (tokens, push) and the adapter. The adapter reaches a module only through
     * OneNET's API, so it runs the same against the cloud and the double: it knows neither the embedded platform
     * (platform.leshan) nor the double (platform.http).
     */
    @ArchTest
    static final ArchRule oneNetAdapterKnowsNoDouble = noClasses().that().resideInAPackage("org.miplhil.platform.onenet..")
            .should().dependOnClassesThat().resideInAnyPackage("org.miplhil.platform.leshan..",
                    "org.miplhil.platform.http..", "org.miplhil.platform.fota.lwm2m..");

    /** The double serves OneNET's API in front of any platform; it never borrows the adapter's client side. */
    @ArchTest
    static final ArchRule doubleKnowsNoAdapter = noClasses().that().resideInAPackage("org.miplhil.platform.http..")
            .should().dependOnClassesThat().resideInAPackage("org.miplhil.platform.onenet.client..");

    /**
     * network: what the network between module and platform does to datagrams (its language and the relay); it runs
     * in a container of its own, so it knows nothing of modules, platforms, containers or suites.
     */
    @ArchTest
    static final ArchRule networkStandsAlone = noClasses().that().resideInAPackage(NETWORK).should()
            .dependOnClassesThat().resideInAnyPackage(AT, OBJECTS, DUT, SIM, PLATFORM, POWER, REPORT, SUITE, SELFCHECK,
                    JUNIT, CLI, CONTAINER);

    /**
     * container: images and containers of the lab; it starts the platform and the relay by their command lines and
     * speaks to them over the network, never through their classes.
     */
    @ArchTest
    static final ArchRule containersStartProgramsNotClasses = noClasses().that().resideInAPackage(CONTAINER).should()
            .dependOnClassesThat().resideInAnyPackage(AT, OBJECTS, DUT, SIM, PLATFORM, POWER, REPORT, SUITE, SELFCHECK,
                    JUNIT, CLI);

    /** power: relays and power inputs over links; nothing of modules, platforms or suites. */
    @ArchTest
    static final ArchRule powerStandsAlone = noClasses().that().resideInAPackage(POWER).should().dependOnClassesThat()
            .resideInAnyPackage(AT, OBJECTS, DUT, SIM, PLATFORM, REPORT, SUITE, SELFCHECK, JUNIT, CLI);

    /**
     * suite: the suite model and its loader; what runs a suite lives in suite.run. The one word it borrows is the
     * name of a module state ({@code state: registered}), the vocabulary of dut.state.
     */
    @ArchTest
    static final ArchRule suiteModelDoesNotRun = noClasses().that().resideInAPackage(SUITE_MODEL).should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(DUT, LINK, PLATFORM, POWER, REPORT,
                    "org.miplhil.suite.run..", SELFCHECK, JUNIT, CLI)
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ModuleState.class))));

    /** suite.run: runs suites for every front end; it knows none of them, nor the settings they launch with. */
    @ArchTest
    static final ArchRule runnerKnowsNoFrontEnd = noClasses().that().resideInAPackage("org.miplhil.suite.run..")
            .should().dependOnClassesThat().resideInAnyPackage(LAUNCH, SELFCHECK, JUNIT, CLI);

    /** launch: the settings a run starts with, shared by the CLI and the JUnit engine; below both. */
    @ArchTest
    static final ArchRule launchIsBelowFrontEnds = noClasses().that().resideInAPackage(LAUNCH).should()
            .dependOnClassesThat().resideInAnyPackage(SELFCHECK, JUNIT, CLI);

    /** selfcheck and junit are front ends beside cli; cli is the top and nobody imports it. */
    @ArchTest
    static final ArchRule frontEndsStandApart = noClasses().that().resideInAnyPackage(SELFCHECK, JUNIT).should()
            .dependOnClassesThat().resideInAnyPackage(CLI);

    @ArchTest
    static final ArchRule junitKnowsNoSelfCheck = noClasses().that().resideInAPackage(JUNIT).should()
            .dependOnClassesThat().resideInAnyPackage(SELFCHECK);

    /** Only public JUnit API: the engine builds on the platform's engine API, never on launcher internals. */
    @ArchTest
    static final ArchRule onlyPublicJUnitApi = noClasses().that().resideInAPackage("org.miplhil..").should()
            .dependOnClassesThat().resideInAnyPackage("org.junit.platform.launcher.tagexpression..",
                    "org.junit.platform.launcher.core..", "org.junit.platform.commons.util..");

    /** Library code logs through slf4j; only the command line prints. */
    @ArchTest
    static final ArchRule libraryCodeLogs = noClasses().that().resideInAPackage("org.miplhil..").and()
            .resideOutsideOfPackage(CLI).should().accessField(System.class, "err").orShould()
            .accessField(System.class, "out");
}
