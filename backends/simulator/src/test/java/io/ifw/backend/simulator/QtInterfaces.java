package io.ifw.backend.simulator;

import io.ifw.core.Feature;
import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import java.util.List;
import java.util.Set;

/** Java versions of Qt example interfaces (echo, instrument cluster) that the simulation data conformance files are written for. */
final class QtInterfaces {

    private QtInterfaces() {
    }

    enum WeekDay { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday }

    enum AirflowDirection { Windshield, Dashboard, Floor }

    record Contact(String forename, String name, String phone) {
    }

    @io.ifw.core.annotations.Feature(id = "org.example.echomodule.Echo")
    interface Echo extends Feature {
        Property<Double> floatValue1();

        Property<Double> floatValue2();

        Property<WeekDay> weekDay();

        Property<Integer> intValue();

        Property<String> stringValue();

        Property<Contact> contact();

        Property<List<Contact>> contacts();

        Property<Set<AirflowDirection>> airflow();
    }

    @io.ifw.core.annotations.Feature(id = "org.example.echomodule.EchoZoned")
    interface EchoZoned extends ZonedFeature<EchoZoned> {
        Property<Integer> intValue();

        Property<String> stringValue();

        Property<Double> rangedValue();

        Property<String> unsupportedValue();
    }

    enum SystemType { Metric, Imperial }

    @io.ifw.core.annotations.Feature(id = "Example.If.InstrumentClusterModule.InstrumentCluster")
    interface InstrumentCluster extends Feature {
        Property<SystemType> systemType();
    }
}
