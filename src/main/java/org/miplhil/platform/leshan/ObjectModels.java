package org.miplhil.platform.leshan;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.eclipse.leshan.core.model.ResourceModel.Type;

/**
 * Object models the platform decodes with: Leshan's core objects (0–7, every version it ships) and the
 * IPSO smart objects OneNET applications use (the note's examples use 3200, 3302, 3303 and 3311).
 * Resource ids, types and operations follow the IPSO Smart Objects registry. An object the model does
 * not know still works: TLV values of unknown resources arrive as opaque bytes.
 */
public final class ObjectModels {

    private ObjectModels() {
    }

    /** Leshan's core models plus {@link #ipso()}. */
    public static List<ObjectModel> defaults() {
        List<ObjectModel> all = new ArrayList<>(ObjectLoader.loadAllDefault());
        all.addAll(ipso());
        return all;
    }

    /** IPSO objects 3200–3203, 3300–3304, 3306 and 3311, version 1.0. */
    public static List<ObjectModel> ipso() {
        return List.of(
                object(3200, "Digital Input", r(5500, "Digital Input State", R, Type.BOOLEAN, true),
                        r(5501, "Digital Input Counter", R, Type.INTEGER, false),
                        r(5502, "Digital Input Polarity", RW, Type.BOOLEAN, false),
                        r(5503, "Digital Input Debounce", RW, Type.INTEGER, false),
                        r(5504, "Digital Input Edge Selection", RW, Type.INTEGER, false),
                        r(5505, "Digital Input Counter Reset", E, Type.NONE, false),
                        applicationType(), sensorType()),
                object(3201, "Digital Output", r(5550, "Digital Output State", RW, Type.BOOLEAN, true),
                        r(5551, "Digital Output Polarity", RW, Type.BOOLEAN, false), applicationType()),
                object(3202, "Analog Input", r(5600, "Analog Input Current Value", R, Type.FLOAT, true),
                        minMeasured(), maxMeasured(), minRange(), maxRange(), resetMinMax(), applicationType(),
                        sensorType()),
                object(3203, "Analog Output", r(5650, "Analog Output Current Value", RW, Type.FLOAT, true),
                        minRange(), maxRange(), applicationType()),
                sensor(3300, "Generic Sensor", true),
                sensor(3301, "Illuminance", false),
                object(3302, "Presence", r(5500, "Digital Input State", R, Type.BOOLEAN, true),
                        r(5501, "Digital Input Counter", R, Type.INTEGER, false),
                        r(5505, "Digital Input Counter Reset", E, Type.NONE, false), sensorType(),
                        r(5903, "Busy to Clear delay", RW, Type.INTEGER, false),
                        r(5904, "Clear to Busy delay", RW, Type.INTEGER, false)),
                sensor(3303, "Temperature", false),
                sensor(3304, "Humidity", false),
                object(3306, "Actuation", onOff(), dimmer(), onTime(), applicationType()),
                object(3311, "Light Control", onOff(), dimmer(), onTime(),
                        r(5805, "Cumulative active power", R, Type.FLOAT, false),
                        r(5820, "Power factor", R, Type.FLOAT, false),
                        r(5706, "Colour", RW, Type.STRING, false),
                        r(5701, "Sensor Units", R, Type.STRING, false)));
    }

    private static final Operations R = Operations.R;
    private static final Operations RW = Operations.RW;
    private static final Operations E = Operations.E;

    private static ObjectModel sensor(int id, String name, boolean generic) {
        List<ResourceModel> rs = new ArrayList<>(List.of(
                r(5700, "Sensor Value", R, Type.FLOAT, true), r(5701, "Sensor Units", R, Type.STRING, false),
                minMeasured(), maxMeasured(), minRange(), maxRange(), resetMinMax()));
        if (generic) {
            rs.add(applicationType());
            rs.add(sensorType());
        }
        return new ObjectModel(id, name, "", "1.0", true, false, rs);
    }

    private static ObjectModel object(int id, String name, ResourceModel... resources) {
        return new ObjectModel(id, name, "", "1.0", true, false, resources);
    }

    private static ResourceModel r(int id, String name, Operations op, Type type, boolean mandatory) {
        return new ResourceModel(id, name, op, false, mandatory, type, "", "", "");
    }

    private static ResourceModel minMeasured() {
        return r(5601, "Min Measured Value", R, Type.FLOAT, false);
    }

    private static ResourceModel maxMeasured() {
        return r(5602, "Max Measured Value", R, Type.FLOAT, false);
    }

    private static ResourceModel minRange() {
        return r(5603, "Min Range Value", R, Type.FLOAT, false);
    }

    private static ResourceModel maxRange() {
        return r(5604, "Max Range Value", R, Type.FLOAT, false);
    }

    private static ResourceModel resetMinMax() {
        return r(5605, "Reset Min and Max Measured Values", E, Type.NONE, false);
    }

    private static ResourceModel applicationType() {
        return r(5750, "Application Type", RW, Type.STRING, false);
    }

    private static ResourceModel sensorType() {
        return r(5751, "Sensor Type", R, Type.STRING, false);
    }

    private static ResourceModel onOff() {
        return r(5850, "On/Off", RW, Type.BOOLEAN, true);
    }

    private static ResourceModel dimmer() {
        return r(5851, "Dimmer", RW, Type.INTEGER, false);
    }

    private static ResourceModel onTime() {
        return r(5852, "On time", RW, Type.INTEGER, false);
    }
}
