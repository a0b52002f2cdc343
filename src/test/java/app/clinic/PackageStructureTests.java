package app.clinic;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: Spring Modulith fails this test on a cycle between them (booking → access →
 * doctor is fine; doctor → booking would close a circle) or on a call into another module's internals.
 */
class PackageStructureTests {

    @Test
    void featuresCallEachOtherOneWayOnly() {
        ApplicationModules.of(ClinicApplication.class).verify();
    }
}
