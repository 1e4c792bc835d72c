/**
 * Switching a module's supply: {@link org.miplhil.power.PowerSwitch} (on, off, state, cycle) and one small
 * driver per kind of switch — the virtual module's power input, serial relay boards (LCUS and configurable
 * frames), Numato text-command relays, HTTP outlets (Tasmota, Shelly), Linux GPIO and external commands.
 *
 * <p>What a switch is (port, channel, URL, line) is data, a {@link org.miplhil.power.PowerSpec}, read from a
 * rack file by {@link org.miplhil.power.rack.RackLoader}; {@link org.miplhil.power.PowerSwitches#open} turns
 * it into a driver. Every operation has a deadline, and every failure is a
 * {@link org.miplhil.power.PowerException}: an infrastructure failure, not a module failure.
 */
package org.miplhil.power;
