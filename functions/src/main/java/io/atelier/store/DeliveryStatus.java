package io.atelier.store;

/** PENDING until an attempt is answered 2xx (SUCCEEDED) or the retry window is over (FAILED). */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
