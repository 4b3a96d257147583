package io.ifw.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import org.junit.jupiter.api.Test;

class MediaFeaturesTest {

    @Test
    void shouldReadMediaPlayerWithItsPlayQueue() {
        FeatureModel model = FeatureModel.of(MediaPlayer.class);

        assertThat(((ModelMember) model.member("playQueue")).type().item().javaType()).isEqualTo(AudioTrack.class);
        assertThat(model.operations()).extracting(Member::name).containsExactly("next", "pause", "play", "previous", "seek", "stop");
        assertThat(model.property("volume").attribute().constraintText()).isEqualTo("[0-100]");
        assertThat(model.property("currentTrack").type().signature()).startsWith("AudioTrack{id:string,title:string");
    }

    @Test
    void shouldReadTheLibraryIndexerAndTuner() {
        assertThat(((ModelMember) FeatureModel.of(MediaLibrary.class).member("browse")).type().item().javaType()).isEqualTo(MediaItem.class);
        assertThat(FeatureModel.of(MediaIndexer.class).property("state").defaultValue()).isEqualTo(MediaIndexer.State.IDLE);
        FeatureModel tuner = FeatureModel.of(AmFmTuner.class);
        assertThat(tuner.property("band").defaultValue()).isEqualTo(AmFmTuner.Band.FM);
        assertThat(tuner.signals()).extracting(Member::name).containsExactly("scanStarted", "scanStopped");
        assertThat(((ModelMember) tuner.member("stations")).type().item().signature())
                .isEqualTo("TunerStation{id:string,name:string,band:enum Band{AM,FM},frequencyKhz:int}");
    }
}
