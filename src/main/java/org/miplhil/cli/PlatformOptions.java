package org.miplhil.cli;

import java.nio.file.Path;
import org.miplhil.launch.LaunchSettings;
import org.miplhil.launch.PlatformChoice;
import org.miplhil.suite.run.Target;
import picocli.CommandLine.Option;

/**
 * The embedded platform's options of the commands that run suites (OneNET's are {@link OneNetOptions}); their defaults are {@link LaunchSettings}'s, which
 * the JUnit engine's parameters share.
 */
final class PlatformOptions {

    @Option(names = "--platform-bind", paramLabel = "ADDRESS",
            description = "Address the embedded LwM2M platform binds (default: loopback for sim, every address otherwise).")
    String platformBind;

    @Option(names = "--platform-host", paramLabel = "HOST",
            description = "The platform's address as the module must reach it ($${platform.host}); default: the bind"
                    + " address.")
    String platformHost;

    @Option(names = "--coap-port", paramLabel = "N",
            description = "LwM2M server UDP port (default: any free port for sim, "
                    + LaunchSettings.HARDWARE_COAP_PORT + " otherwise).")
    Integer coapPort;

    @Option(names = "--bootstrap-port", paramLabel = "N",
            description = "Bootstrap server UDP port (default: any free port for sim, "
                    + LaunchSettings.HARDWARE_BOOTSTRAP_PORT + " otherwise).")
    Integer bootstrapPort;

    /** The launch with these options over the command's target, profile, fault plan and the rack's platform. */
    LaunchSettings launch(Target target, Path profile, Path simFaults, String rackHost, Integer rackPort,
                          PlatformChoice choice) {
        return new LaunchSettings(target, profile, platformHost != null ? platformHost : rackHost, platformBind,
                coapPort != null ? coapPort : rackPort, bootstrapPort, simFaults, choice);
    }
}
