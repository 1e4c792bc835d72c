package org.miplhil.objects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.miplhil.at.MiplAddObj;

/**
 * An LwM2M object as a fixture describes it: its resources (in the order reads and notifications list them),
 * the resources its discover answer lists (in order, 7.2.1), and its instances. Derives what
 * {@code AT+MIPLADDOBJ} needs (3.3.5).
 *
 * @param discover   resource ids of {@code AT+MIPLDISCOVERRSP}, in order
 * @param attrCount  given {@code <attrCount>}, or empty to count the readable/writable resources
 * @param actCount   given {@code <actCount>}, or empty to count the executable resources
 * @param source     where it was defined ({@code file:line:column}), for messages
 */
public record ObjectDef(int id, String name, List<ResourceDef> resources, List<Integer> discover,
                        List<InstanceDef> instances, OptionalInt attrCount, OptionalInt actCount, String source) {

    public ObjectDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attrCount, "attrCount");
        Objects.requireNonNull(actCount, "actCount");
        Objects.requireNonNull(source, "source");
        resources = List.copyOf(resources);
        discover = List.copyOf(discover);
        instances = List.copyOf(instances);
        if (id < 0 || id > 65535) {
            throw new IllegalArgumentException("object id must be 0..65535: " + id);
        }
        Set<Integer> resIds = new HashSet<>();
        for (ResourceDef r : resources) {
            if (!resIds.add(r.id())) {
                throw new IllegalArgumentException("object " + id + ": resource " + r.id() + " twice");
            }
        }
        Set<Integer> listed = new HashSet<>();
        for (int d : discover) {
            if (!resIds.contains(d) || !listed.add(d)) {
                throw new IllegalArgumentException("object " + id + ": discover lists " + d
                        + (resIds.contains(d) ? " twice" : ", which is not one of its resources"));
            }
        }
        Set<Integer> insIds = new HashSet<>();
        for (InstanceDef i : instances) {
            if (!insIds.add(i.id())) {
                throw new IllegalArgumentException("object " + id + ": instance " + i.id() + " twice");
            }
            for (var e : i.values().entrySet()) {
                ResourceDef r = resources.stream().filter(x -> x.id() == e.getKey()).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("object " + id + " instance " + i.id() + ": no resource "
                                + e.getKey()));
                Values.check(r.type(), e.getValue()).ifPresent(problem -> {
                    throw new IllegalArgumentException("object " + id + " instance " + i.id() + " resource "
                            + r.id() + ": " + problem);
                });
            }
        }
    }

    /** An object whose discover list is all its resources, counts derived. */
    public static ObjectDef of(int id, String name, List<ResourceDef> resources, List<InstanceDef> instances) {
        return new ObjectDef(id, name, resources, resources.stream().map(ResourceDef::id).toList(), instances,
                OptionalInt.empty(), OptionalInt.empty(), "(code)");
    }

    public Optional<ResourceDef> resource(int resId) {
        return resources.stream().filter(r -> r.id() == resId).findFirst();
    }

    public Optional<InstanceDef> instance(int insId) {
        return instances.stream().filter(i -> i.id() == insId).findFirst();
    }

    /** 3.3.5 {@code <insCount>}: the bitmap covers ids 0 .. the highest instance id. */
    public int insCount() {
        return instances.stream().mapToInt(InstanceDef::id).max().orElse(-1) + 1;
    }

    /** 3.3.5 {@code <insBitmap>}: position i is 1 when instance i is registered ({@code "1101"} registers 0, 1, 3). */
    public String insBitmap() {
        char[] bits = new char[insCount()];
        java.util.Arrays.fill(bits, '0');
        for (InstanceDef i : instances) {
            if (i.registered()) {
                bits[i.id()] = '1';
            }
        }
        return new String(bits);
    }

    /** Ids of the instances the bitmap registers, ascending. */
    public List<Integer> registeredInstances() {
        List<Integer> ids = new ArrayList<>();
        for (InstanceDef i : instances) {
            if (i.registered()) {
                ids.add(i.id());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** 3.3.5 {@code <attrCount>}: readable and/or writable resources, unless the fixture gives it. */
    public int effectiveAttrCount() {
        return attrCount.orElse((int) resources.stream().filter(r -> r.operations().isAttribute()).count());
    }

    /** 3.3.5 {@code <actCount>}: executable resources, unless the fixture gives it. */
    public int effectiveActCount() {
        return actCount.orElse((int) resources.stream().filter(r -> r.operations().execute()).count());
    }

    /** The {@code AT+MIPLADDOBJ} that adds this object, e.g. {@code AT+MIPLADDOBJ=0,3311,2,"11",5,0}. */
    public MiplAddObj addObj(int ref) {
        return new MiplAddObj(ref, id, insCount(), insBitmap(), effectiveAttrCount(), effectiveActCount());
    }
}
