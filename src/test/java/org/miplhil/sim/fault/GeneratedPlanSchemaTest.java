package org.miplhil.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.miplhil.mutate.Mutant;
import org.miplhil.mutate.MutantSpace;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Every plan of the generated mutant space is valid by the fault-plan schema (here for the schema checker). */
class GeneratedPlanSchemaTest {

    @Test
    void everyGeneratedPlanIsValidByTheSchema() throws IOException {
        MiniJsonSchema schema = new MiniJsonSchema(FaultPlanSchemaTest.schema());
        List<Mutant> space = MutantSpace.generate();
        assertThat(space).hasSizeGreaterThan(300);
        for (Mutant m : space) {
            Object data = MiniJsonSchema.data(new Yaml(new LoaderOptions()).compose(new StringReader(m.planYaml())));
            assertThat(schema.validate(data)).as("schema problems of %s:%n%s", m.id(), m.planYaml()).isEmpty();
        }
    }
}
