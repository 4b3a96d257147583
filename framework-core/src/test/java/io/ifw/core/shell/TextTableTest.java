package io.ifw.core.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.dto.PropertyValueDTO;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void shouldAlignEveryColumnToItsWidestCellWithoutTrailingSpaces() {
        String table = TextTable.of("FEATURE", "BACKEND", "SWAPS")
                .row("io.ifw.vehicle.ClimateControl", "climate-local", 0)
                .row("io.ifw.media.AmFmTuner", null, 12)
                .row("x", "", "")
                .toString();

        assertThat(table).isEqualTo("""
                FEATURE                        BACKEND        SWAPS
                io.ifw.vehicle.ClimateControl  climate-local  0
                io.ifw.media.AmFmTuner         -              12
                x                              -              -""");
    }

    @Test
    void shouldKeepACellOnOneLine() {
        assertThat(TextTable.of("A", "B").row("two\nlines", "b").toString()).isEqualTo("A          B\ntwo lines  b");
    }

    @Test
    void shouldRefuseARowOfTheWrongWidthNamingTheColumns() {
        assertThatThrownBy(() -> TextTable.of("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a row of [A, B] needs 2 cells, not 1");
        assertThatThrownBy(TextTable::of).hasMessage("a table needs at least one column");
    }

    @Test
    void shouldPadTheLabelsOfABlock() {
        assertThat(TextTable.block(List.of(new String[] {"feature", "io.x.Y"}, new String[] {"last change", null})))
                .isEqualTo("feature      io.x.Y\nlast change  -");
    }

    record Point(int x, double y, String label) {
    }

    enum Mode { ON }

    @Test
    void shouldWriteJsonOfDtosRecordsCollectionsAndScalars() {
        PropertyValueDTO dto = new PropertyValueDTO();
        dto.feature = "io.x.Y";
        dto.property = "p";
        dto.zone = "";
        dto.value = List.of(new Point(1, 2.5, "a \"b\"\n"), Mode.ON);
        dto.availability = "AVAILABLE";
        dto.constraint = null;

        assertThat(ShellJson.of(dto)).isEqualTo("{\"feature\":\"io.x.Y\",\"property\":\"p\",\"zone\":\"\",\"value\":[{\"x\":1,\"y\":2.5,"
                + "\"label\":\"a \\\"b\\\"\\n\"},\"ON\"],\"availability\":\"AVAILABLE\",\"constraint\":null}");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nan", Double.NaN);
        map.put("array", new int[] {1, 2});
        map.put("control", "\u0001");
        assertThat(ShellJson.of(map)).isEqualTo("{\"nan\":\"NaN\",\"array\":[1,2],\"control\":\"\\u0001\"}");
        assertThat(ShellJson.lines(List.of(1, "two"))).isEqualTo("1\n\"two\"");
        assertThat(ShellJson.lines(List.of())).isEmpty();
    }
}
