package org.miplhil.sim.registrar;

import java.util.ArrayList;
import java.util.List;

/**
 * An object added with AT+MIPLADDOBJ (3.3.5).
 *
 * @param insBitmap one character per instance id 0..insCount-1, {@code '1'}: registered (3.3.5: "1101" registers 0, 1, 3)
 */
public record ObjectSpec(int objId, int insCount, String insBitmap, int attrCount, int actCount) {

    /** The instance ids the bitmap registers (3.3.5 remark 3: the bitmap decides, not insCount). */
    public List<Integer> instanceIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < insBitmap.length(); i++) {
            if (insBitmap.charAt(i) == '1') {
                ids.add(i);
            }
        }
        return ids;
    }
}
