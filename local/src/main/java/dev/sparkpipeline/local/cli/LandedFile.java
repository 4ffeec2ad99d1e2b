package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Instant;

/**
 * One file of a drop, landed: the object version it became, when it landed (its event's time, which
 * dates every record kept about it), and what the validate function made of it, or why no function
 * could say.
 *
 * @param dropped  the file and its key
 * @param object   the landed object version
 * @param landedAt the landing event's time
 * @param outcome  the validate function's outcome for it, or null when no function gave one
 * @param error    why no function gave one (the function's error, {@code NoTarget}), or null
 * @param cause    the error's cause, or null
 */
record LandedFile(
        DropFiles.DroppedFile dropped,
        StoredObject object,
        Instant landedAt,
        FileOutcome outcome,
        String error,
        String cause) {

    /** The object version's identity, by which every record of it is filed. */
    ObjectIdentity identity() {
        return ObjectIdentity.of(object);
    }

    /** The outcome's name ({@code ACCEPTED}, {@code QUEUED}, ...), or the error when there is none. */
    String outcomeName() {
        return outcome != null ? outcome.outcome().name() : error;
    }
}
