package io.atelier.store;

import io.atelier.model.FanOutMessage;

/** The queue that drives the fan-out function: one message per large job, sent once the job and its list are stored. */
public interface FanOutQueue {
    void start(FanOutMessage message);
}
