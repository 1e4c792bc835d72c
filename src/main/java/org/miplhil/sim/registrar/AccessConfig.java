package org.miplhil.sim.registrar;

/**
 * The OneNET access configuration of AT+MIPLCONFIG (3.3.1), as the module holds it (not kept across a power cut).
 *
 * @param mode           0: direct mode (the only one)
 * @param recvDataFormat 0: hex string, 1: text string (how +MIPLWRITE shows values)
 * @param bsMode         1: {@code host:port} is the bootstrap server; 0: it is the access (LwM2M) server
 * @param host           the address, never empty (an empty {@code <ip>} is replaced by the profile's default)
 * @param port           1..65535
 * @param autoUpdate     1: the module updates the registration before the lifetime ends (3.3.1 remark 2)
 */
public record AccessConfig(int mode, int recvDataFormat, int bsMode, String host, int port, int autoUpdate) {

    public boolean bootstrap() {
        return bsMode == 1;
    }
}
