package org.miplhil.power;

/**
 * The power input of a simulated module (the virtual BC260Y-CN): off makes it silent and loses its volatile state
 * while its serial port stays, as a UART adapter stays when the module's supply is cut.
 */
public interface PowerInput {

    void powerOff();

    void powerOn();

    boolean isPowered();
}
