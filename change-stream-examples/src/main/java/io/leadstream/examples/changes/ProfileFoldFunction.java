package io.leadstream.examples.changes;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by contact: folds each record of the change stream into the contact's {@link ContactFold} and emits the profile after it. */
public final class ProfileFoldFunction extends KeyedProcessFunction<String, ProfileUpdate, ProfileState> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<ContactFold> folds;

    @Override
    public void open(OpenContext context) {
        folds = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", TypeInformation.of(ContactFold.class)));
    }

    @Override
    public void processElement(ProfileUpdate update, Context ctx, Collector<ProfileState> out) throws Exception {
        ContactFold fold = folds.value();
        if (fold == null) {
            fold = new ContactFold();
        }
        if (update.change != null) {
            fold.apply(update.change);
        } else {
            fold.apply(update.points);
        }
        folds.update(fold);
        out.collect(new ProfileState(ctx.getCurrentKey(), fold.profile()));
    }
}
