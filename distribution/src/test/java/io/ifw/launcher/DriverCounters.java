package io.ifw.launcher;

import io.aeron.CncFileDescriptor;
import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/** A running media driver's system counters ("NAKs sent", "Retransmits sent" …), read from its CnC file as AeronStat does. */
final class DriverCounters {

    private static final int SYSTEM_COUNTER_TYPE_ID = 0;

    private DriverCounters() {
    }

    /** The system counters of the driver whose directory is {@code aeronDirectory}, by label. */
    static Map<String, Long> read(Path aeronDirectory) {
        File file = aeronDirectory.resolve(CncFileDescriptor.CNC_FILE).toFile();
        MappedByteBuffer cnc = IoUtil.mapExistingFile(file, "cnc");
        try {
            UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            CountersReader counters = new CountersReader(CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                    CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
            Map<String, Long> values = new LinkedHashMap<>();
            counters.forEach((counterId, typeId, key, label) -> {
                if (typeId == SYSTEM_COUNTER_TYPE_ID) {
                    values.put(label, counters.getCounterValue(counterId));
                }
            });
            return values;
        } finally {
            IoUtil.unmap(cnc);
        }
    }
}
